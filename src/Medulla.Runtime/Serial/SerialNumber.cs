using Medulla.Firmware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Runtime;

/// <summary>
/// The device's serial number: the first source of <see cref="SerialOptions.Sources"/> that has one
/// (by default the KV store's <c>nerves_serial_number</c>, /proc/device-tree/serial-number, the DMI
/// product serial, /etc/machine-id), else <see cref="SerialOptions.Fallback"/> (<c>unconfigured</c>).
/// </summary>
/// <remarks>
/// Read afresh on every call, so a serial number written to the KV store at manufacture shows at once.
/// A source that cannot be read (no environment, no permission) counts as empty and is logged at Debug.
/// </remarks>
public sealed class SerialNumber
{
    private readonly SerialOptions _options;
    private readonly IReadOnlyList<string> _sources;
    private readonly KvStore? _kv;
    private readonly ILogger _log;

    /// <summary>Creates the reader; without <paramref name="kv"/> the <c>kv</c> source is skipped.</summary>
    /// <exception cref="RuntimeConfigurationException">The options are not valid.</exception>
    public SerialNumber(SerialOptions options, KvStore? kv = null, ILogger<SerialNumber>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _sources = options.SourceList();
        _kv = kv;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    /// <summary>The serial number, or <see cref="SerialOptions.Fallback"/> when no source has one.</summary>
    public string Read() => ReadWithSource().Value;

    /// <summary>The serial number and the source it came from (null for the fallback).</summary>
    internal (string Value, string? Source) ReadWithSource()
    {
        foreach (string source in _sources)
        {
            if (TryRead(source) is { Length: > 0 } value)
            {
                return (value, source);
            }
        }
        _log.LogDebug("no serial number in {Sources}: using '{Fallback}'", string.Join(", ", _sources), _options.Fallback);
        return (_options.Fallback, null);
    }

    private string? TryRead(string source)
    {
        if (source == SerialNumberSource.Kv)
        {
            if (_kv is null)
            {
                return null;
            }
            try
            {
                return Clean(_kv.Get(_options.KvKey));
            }
            catch (KvUnavailableException ex)
            {
                _log.LogDebug("serial number: the KV store is unavailable: {Error}", ex.Message);
                return null;
            }
        }
        string path = SerialNumberSource.FilePath(source, _options.RootPath)!;
        try
        {
            return Clean(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogDebug("serial number: cannot read {Path}: {Error}", path, ex.Message);
            return null;
        }
    }

    // The device tree's strings end in NUL; sysfs and machine-id end in a line feed.
    private static string? Clean(string? text) => text?.TrimEnd('\0', '\n', '\r', ' ', '\t').TrimStart();
}
