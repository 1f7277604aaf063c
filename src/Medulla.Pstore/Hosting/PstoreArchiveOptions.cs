using Microsoft.Extensions.Configuration;

namespace Medulla.Pstore;

/// <summary>
/// Settings of the archive at start, bound from the <c>Medulla:Pstore</c> section, e.g.
/// <c>{"ArchiveDirectory": "/data/pstore", "KeepBoots": 10}</c>.
/// </summary>
public sealed class PstoreArchiveOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:Pstore";

    /// <summary>Whether the previous boot's records are archived at start (default true; nothing happens without <see cref="ArchiveDirectory"/>).</summary>
    public bool ArchiveAtStart { get; set; } = true;

    /// <summary>Where pstore is mounted (default /sys/fs/pstore, mounted when it is not).</summary>
    public string Root { get; set; } = PstoreReader.DefaultRoot;

    /// <summary>The directory of one folder per boot on a persistent file system, e.g. <c>/data/pstore</c>; null archives nothing.</summary>
    public string? ArchiveDirectory { get; set; }

    /// <summary>How many boot folders to keep (default 10, at least 1).</summary>
    public int KeepBoots { get; set; } = PstoreArchiverOptions.DefaultKeepBoots;

    /// <summary>Binds the section into these options by the configuration binder's source generator.</summary>
    /// <exception cref="PstoreConfigurationException">A value cannot be converted; the message names the key.</exception>
    internal void BindSection(IConfiguration? section)
    {
        if (section is null)
        {
            return;
        }
        try
        {
            section.Bind(this);
        }
        catch (InvalidOperationException ex)
        {
            throw new PstoreConfigurationException($"{SectionPath}: {ex.Message}", ex);
        }
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="PstoreConfigurationException">A value is not allowed; the message names the key.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Root))
        {
            throw new PstoreConfigurationException($"{SectionPath}:Root is empty; give where pstore is mounted ({PstoreReader.DefaultRoot})");
        }
        if (ArchiveDirectory is { Length: 0 })
        {
            throw new PstoreConfigurationException($"{SectionPath}:ArchiveDirectory is empty; leave it out to archive nothing");
        }
        if (KeepBoots < 1)
        {
            throw new PstoreConfigurationException($"{SectionPath}:KeepBoots is {KeepBoots}; expected at least 1");
        }
    }
}

/// <summary>The <c>Medulla:Pstore</c> configuration has a value that is not allowed; the message names the key.</summary>
public sealed class PstoreConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PstoreConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public PstoreConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
