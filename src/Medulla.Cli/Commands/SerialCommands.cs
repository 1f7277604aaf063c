using System.CommandLine;
using Medulla.Firmware;
using Medulla.Runtime;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla serial [-c FW_ENV_CONFIG]</c>: prints the device's serial number alone on its line, the
/// first that exists of the U-Boot environment's <c>nerves_serial_number</c> (through fw_env.config),
/// /proc/device-tree/serial-number, /sys/class/dmi/id/product_serial and /etc/machine-id, else
/// <c>unconfigured</c>.
/// </summary>
/// <remarks>
/// A missing or unreadable environment is not an error here: the next source is tried, as the app's
/// <c>SerialNumber</c> does. A broken fw_env.config is (one line on stderr, exit status 1).
/// </remarks>
internal static class SerialCommands
{
    internal static Command Create()
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The fw_env.config that says where the U-Boot environment is",
            HelpName = "FW_ENV_CONFIG",
            DefaultValueFactory = _ => FwEnvConfig.DefaultPath,
        };
        var command = new Command("serial", "The device's serial number: nerves_serial_number in the U-Boot environment, the device tree's, the DMI product serial or /etc/machine-id")
        {
            config,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(config);
            KvStore? kv = null;
            if (File.Exists(path))
            {
                try
                {
                    kv = new KvStore(new UBootEnvBackend(new UBootEnvironment(FwEnvConfig.Load(path))));
                }
                catch (FwEnvConfigException ex)
                {
                    return MedullaCli.Fail(parse.InvocationConfiguration.Error, ex.Message);
                }
            }
            parse.InvocationConfiguration.Output.WriteLine(new SerialNumber(new SerialOptions(), kv).Read());
            return MedullaCli.Success;
        });
        return command;
    }
}
