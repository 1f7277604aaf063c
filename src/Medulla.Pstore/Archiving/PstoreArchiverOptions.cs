namespace Medulla.Pstore;

/// <summary>Settings of a <see cref="PstoreArchiver"/>.</summary>
public sealed record PstoreArchiverOptions
{
    /// <summary>The default number of boot folders kept.</summary>
    public const int DefaultKeepBoots = 10;

    /// <summary>
    /// The directory holding one folder per boot, on a persistent file system (the data partition), e.g.
    /// <c>/data/pstore</c>. Created when missing.
    /// </summary>
    public required string ArchiveDirectory { get; init; }

    /// <summary>How many boot folders to keep, the newest; older ones are deleted after archiving (default 10).</summary>
    public int KeepBoots { get; init; } = DefaultKeepBoots;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ArchiveDirectory))
        {
            throw new ArgumentException("PstoreArchiverOptions.ArchiveDirectory must be set");
        }
        if (KeepBoots < 1)
        {
            throw new ArgumentException($"PstoreArchiverOptions.KeepBoots must be at least 1, not {KeepBoots}");
        }
    }
}
