using System.Diagnostics.Metrics;

namespace Medulla.Firmware;

/// <summary>The <see cref="KvStore"/> backend for the U-Boot environment on a block device or in a file.</summary>
public sealed class UBootEnvBackend : IKvBackend
{
    private readonly Func<UBootEnvironment> _open;
    private readonly Lock _lock = new();
    private UBootEnvironment? _environment;

    /// <summary>Creates the backend over an environment whose locations are known.</summary>
    public UBootEnvBackend(UBootEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        _open = () => environment;
    }

    private UBootEnvBackend(Func<UBootEnvironment> open) => _open = open;

    /// <summary>
    /// Creates the backend for the locations in a fw_env.config file. The file is read at the first call,
    /// not here, and read again at the next call when it was missing or wrong.
    /// </summary>
    /// <param name="configPath">The configuration file.</param>
    /// <param name="lockPath">The lock file shared with fw_printenv/fw_setenv, or null for none.</param>
    /// <param name="meterFactory">The host's meter factory for the write metrics, or null for the process-wide meter.</param>
    public static UBootEnvBackend FromConfigFile(string configPath = FwEnvConfig.DefaultPath, string? lockPath = UBootEnvironment.DefaultLockPath, IMeterFactory? meterFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configPath);
        return new UBootEnvBackend(() => new UBootEnvironment(FwEnvConfig.Load(configPath), lockPath, meterFactory));
    }

    /// <inheritdoc/>
    public KvContents Load() => Contents(Environment().Read());

    /// <inheritdoc/>
    public KvContents Commit(IReadOnlyDictionary<string, string?> changes) => Contents(Environment().Update(changes));

    private UBootEnvironment Environment()
    {
        lock (_lock)
        {
            return _environment ??= _open();
        }
    }

    private static KvContents Contents(UBootEnvSnapshot snapshot) => new(snapshot.Variables, snapshot.Warnings);
}
