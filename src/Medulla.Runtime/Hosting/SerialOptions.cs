using Microsoft.Extensions.Configuration;

namespace Medulla.Runtime;

/// <summary>
/// Settings of <see cref="SerialNumber"/>, bound from the <c>Medulla:Serial</c> section, e.g.
/// <c>{"Sources": "kv, device-tree, dmi, machine-id", "KvKey": "nerves_serial_number"}</c>.
/// </summary>
public sealed class SerialOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionPath = "Medulla:Serial";

    /// <summary>
    /// The sources tried in order, comma-separated, the first that has a value wins: <c>kv</c> (the KV
    /// store's <see cref="KvKey"/>), <c>device-tree</c> (/proc/device-tree/serial-number), <c>dmi</c>
    /// (/sys/class/dmi/id/product_serial), <c>machine-id</c> (/etc/machine-id). Default: all four, in that order.
    /// </summary>
    public string Sources { get; set; } = string.Join(", ", SerialNumberSource.All);

    /// <summary>The KV store's variable (default <c>nerves_serial_number</c>, as Nerves).</summary>
    public string KvKey { get; set; } = "nerves_serial_number";

    /// <summary>The root the file sources are read under (default <c>/</c>; another directory for tests).</summary>
    public string RootPath { get; set; } = "/";

    /// <summary>What is reported when no source has a value (default <c>unconfigured</c>).</summary>
    public string Fallback { get; set; } = "unconfigured";

    /// <summary>Reads the options from a <c>Medulla:Serial</c> section (null leaves the defaults), for use without a host.</summary>
    /// <exception cref="RuntimeConfigurationException">A value is not allowed; the message names the key.</exception>
    public static SerialOptions FromConfiguration(IConfiguration? section)
    {
        var options = new SerialOptions();
        options.BindSection(section);
        options.Validate();
        return options;
    }

    /// <summary>Binds the section into these options by the configuration binder's source generator.</summary>
    /// <exception cref="RuntimeConfigurationException">A value cannot be converted; the message names the key.</exception>
    internal void BindSection(IConfiguration? section) => SectionBinding.Bind(SectionPath, section, s => s.Bind(this));

    /// <summary>Checks the options.</summary>
    /// <exception cref="RuntimeConfigurationException">A value is not allowed; the message names the key and the allowed values.</exception>
    public void Validate()
    {
        _ = SourceList();
        if (string.IsNullOrWhiteSpace(KvKey))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:KvKey is empty; give the KV variable that holds the serial number (nerves_serial_number)");
        }
        if (string.IsNullOrEmpty(RootPath))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:RootPath is empty; give the directory the files are read under (/)");
        }
        if (string.IsNullOrEmpty(Fallback))
        {
            throw new RuntimeConfigurationException($"{SectionPath}:Fallback is empty; give the text reported when no source has a serial number (unconfigured)");
        }
    }

    /// <summary><see cref="Sources"/>, split and checked.</summary>
    internal IReadOnlyList<string> SourceList()
    {
        string allowed = string.Join(", ", SerialNumberSource.All);
        string[] names = (Sources ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new RuntimeConfigurationException($"{SectionPath}:Sources is empty; expected a comma-separated list of {allowed}");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (!SerialNumberSource.All.Contains(name, StringComparer.Ordinal))
            {
                throw new RuntimeConfigurationException($"{SectionPath}:Sources: '{name}' is not a source; expected a comma-separated list of {allowed}");
            }
            if (!seen.Add(name))
            {
                throw new RuntimeConfigurationException($"{SectionPath}:Sources: '{name}' is listed twice");
            }
        }
        return names;
    }
}
