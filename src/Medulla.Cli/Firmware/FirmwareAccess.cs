using Medulla.Firmware;

namespace Medulla.Cli.Firmware;

/// <summary>
/// The environment named by a fw_env.config, opened the way the commands need it: raw for
/// <c>printenv</c>/<c>setenv</c>, as firmware slots for the others. Nothing is read until asked.
/// </summary>
internal sealed class FirmwareAccess(string configPath)
{
    private FwEnvConfig? _config;

    /// <summary>The fw_env.config in use.</summary>
    public string ConfigPath { get; } = configPath;

    /// <summary>The parsed fw_env.config, read at the first use.</summary>
    /// <exception cref="FileNotFoundException">The config file is missing; the message says which and how to name another.</exception>
    /// <exception cref="FwEnvConfigException">The config is wrong; the message names the line.</exception>
    public FwEnvConfig Config => _config ??= LoadConfig();

    /// <summary>The environment, locked against fw_printenv/fw_setenv with their lock file.</summary>
    /// <inheritdoc cref="Config" path="/exception"/>
    public UBootEnvironment Environment() => new(Config);

    /// <summary>The slots over the environment; each operation reads it afresh.</summary>
    /// <inheritdoc cref="Environment" path="/exception"/>
    public FirmwareSlots Slots() => new(new KvStore(new UBootEnvBackend(Environment())));

    private FwEnvConfig LoadConfig()
    {
        try
        {
            return FwEnvConfig.Load(ConfigPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException(
                $"{ConfigPath}: no such file; it should say where the U-Boot environment is (name another with -c CONFIG)", ConfigPath, ex);
        }
    }
}
