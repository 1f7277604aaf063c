using System.CommandLine;
using Medulla.Cli.Firmware;
using Medulla.Firmware;
using Medulla.Runtime;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla data mount|status|reset</c>: the application data partition. The device, file system type
/// and mount point default to the active firmware slot's metadata
/// (<c>nerves_fw_application_part0_devpath|fstype|target</c>, read through <c>-c FW_ENV_CONFIG</c>, default
/// /etc/fw_env.config); each option replaces one.
/// </summary>
/// <remarks>
/// Output, one line on stdout (a contract for scripts):
/// <c>mount</c>: <c>already mounted: DEV (TYPE) on DIR</c>, <c>mounted: DEV (TYPE) on DIR</c> (with
/// <c>, after: REASON</c> when a read-only mount was replaced), or <c>formatted and mounted: DEV (TYPE) on DIR,
/// because: REASON</c>; <c>status</c>: <c>STATE: DEV (TYPE) on DIR</c> where STATE is <c>not-mounted</c>,
/// <c>mounted-rw</c>, <c>mounted-ro</c> or <c>other-mounted</c>, then <c>also mounted on: DIR</c> lines;
/// <c>reset</c>: <c>reset: DEV erased; the next mount formats it</c>. A refusal is one line on stderr and
/// status 1.
/// </remarks>
internal static class DataCommands
{
    internal static Command Create()
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "The fw_env.config of the firmware metadata the defaults come from",
            HelpName = "CONFIG",
            DefaultValueFactory = _ => FwEnvConfig.DefaultPath,
            Recursive = true,
        };
        var device = new Option<string?>("--device") { Description = "The block device (default: the active slot's nerves_fw_application_part0_devpath)", HelpName = "DEV", Recursive = true };
        var type = new Option<string?>("--fstype") { Description = "ext4, f2fs or vfat (default: the active slot's nerves_fw_application_part0_fstype)", HelpName = "TYPE", Recursive = true };
        var target = new Option<string?>("--target") { Description = "The mount point (default: the active slot's nerves_fw_application_part0_target)", HelpName = "DIR", Recursive = true };
        var options = new SpecOptions(config, device, type, target);
        return new Command("data", "The application data partition: mount it (formatting it when it has no usable file system), its state, factory reset")
        {
            config,
            device,
            type,
            target,
            Mount(options),
            Status(options),
            Reset(options),
        };
    }

    private static Command Mount(SpecOptions options)
    {
        var command = new Command("mount", "Mount the partition read-write; format it first when it cannot be (blank, corrupt, read-only); leave it alone when it already is");
        SetAction(command, options, (parse, partition) =>
        {
            DataMountResult result = partition.Mount();
            string where = Where(partition.Spec);
            parse.InvocationConfiguration.Output.WriteLine(result.Action switch
            {
                DataMountAction.AlreadyMounted => $"already mounted: {where}",
                DataMountAction.Mounted when result.Reason is not null => $"mounted: {where}, after: {result.Reason}",
                DataMountAction.Mounted => $"mounted: {where}",
                _ => $"formatted and mounted: {where}, because: {result.Reason}",
            });
        });
        return command;
    }

    private static Command Status(SpecOptions options)
    {
        var command = new Command("status", "What is mounted on the partition's mount point: not-mounted, mounted-rw, mounted-ro or other-mounted");
        SetAction(command, options, (parse, partition) =>
        {
            DataPartitionStatus status = partition.GetStatus();
            TextWriter output = parse.InvocationConfiguration.Output;
            string state = status.State switch
            {
                DataPartitionState.NotMounted => "not-mounted",
                DataPartitionState.MountedReadWrite => "mounted-rw",
                DataPartitionState.MountedReadOnly => "mounted-ro",
                _ => "other-mounted",
            };
            output.WriteLine(status.State == DataPartitionState.OtherMounted
                ? $"{state}: {status.MountedSource} ({status.MountedType}) on {partition.Spec.Target}, not {partition.Spec.Device}"
                : $"{state}: {Where(partition.Spec)}");
            foreach (string elsewhere in status.MountedElsewhere)
            {
                output.WriteLine($"also mounted on: {elsewhere}");
            }
        });
        return command;
    }

    private static Command Reset(SpecOptions options)
    {
        var command = new Command("reset", "Factory reset without rebooting: unmount the partition if it is mounted and erase its file system, so the next mount formats it");
        SetAction(command, options, (parse, partition) =>
        {
            partition.Reset();
            parse.InvocationConfiguration.Output.WriteLine($"reset: {partition.Spec.Device} erased; the next mount formats it");
        });
        return command;
    }

    private static string Where(DataPartitionSpec spec) => $"{spec.Device} ({spec.FileSystemType}) on {spec.Target}";

    private static void SetAction(Command command, SpecOptions options, Action<ParseResult, DataPartition> action)
    {
        command.SetAction(parse =>
        {
            try
            {
                action(parse, new DataPartition(Resolve(parse, options)));
                return MedullaCli.Success;
            }
            catch (Exception ex) when (ex is DataPartitionException or FormatException or KvUnavailableException)
            {
                return MedullaCli.Fail(parse.InvocationConfiguration.Error, ex.Message);
            }
        });
    }

    /// <summary>The options' values, the missing ones from the active slot's metadata (read only when something is missing).</summary>
    private static DataPartitionSpec Resolve(ParseResult parse, SpecOptions options)
    {
        string? device = parse.GetValue(options.Device);
        string? type = parse.GetValue(options.Type);
        string? target = parse.GetValue(options.Target);
        if (device is not null && type is not null && target is not null)
        {
            return DataPartitionSpec.Resolve(device, type, target, null);
        }
        var access = new FirmwareAccess(parse.GetRequiredValue(options.Config));
        SlotMetadata? active;
        try
        {
            FirmwareSlots slots = access.Slots();
            active = slots.ActiveSlot is { } slot ? slots.GetSlot(slot) : null;
        }
        catch (FileNotFoundException ex)
        {
            throw new DataPartitionException($"give --device, --fstype and --target, or the firmware metadata: {ex.Message}");
        }
        return DataPartitionSpec.Resolve(device, type, target, active);
    }

    private sealed record SpecOptions(Option<string> Config, Option<string?> Device, Option<string?> Type, Option<string?> Target);
}
