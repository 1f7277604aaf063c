using System.CommandLine;
using Medulla.Cli.Firmware;
using Medulla.Firmware;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla fw status|validate|revert|prevent-revert</c>: the A/B slots as the Nerves variables
/// describe them, and the operations of <see cref="FirmwareSlots"/>, each one environment write.
/// </summary>
/// <remarks>
/// Nothing here reboots. <c>revert</c> says that a reboot is needed; rebooting comes with the power
/// control of Medulla.Runtime, which will make <c>revert</c> reboot unless <c>--no-reboot</c> is given.
/// </remarks>
internal static class FirmwareSlotCommands
{
    internal static Command Status(Option<string> config)
    {
        var command = new Command("status", "The active slot, the validation status, the serial number, whether a revert is possible, and both slots' firmware metadata, as 'key: value' lines");
        FirmwareCommands.SetAction(command, config, (parse, access) =>
        {
            FirmwareSlots slots = access.Slots();
            FirmwareStatus status = slots.GetStatus();
            // Without a valid active slot there is no "other": show both, from the same read.
            IEnumerable<SlotMetadata> described = status.Active is { } active && status.Other is { } other
                ? [active, other]
                : [slots.GetSlot("a"), slots.GetSlot("b")];
            FirmwareStatusText.Write(parse.InvocationConfiguration.Output, status, described);
            if (access.Config.Layout == EnvLayout.SingleCopy)
            {
                // On stderr, so the key: value lines on stdout stay what scripts parse.
                FirmwareCommands.WriteWarnings(parse, [
                    $"{access.ConfigPath} names a single copy of the environment: a power cut during a write can leave no valid environment; use a redundant pair (two lines) on devices that write it at run time"]);
            }
            return MedullaCli.Success;
        });
        return command;
    }

    internal static Command Validate(Option<string> config)
    {
        var command = new Command("validate", "Mark the running firmware good, in one write: upgrade_available=0, bootcount=0, nerves_fw_validated=1 (and <slot>.nerves_fw_validated=1 if set)");
        FirmwareCommands.SetAction(command, config, (parse, access) =>
        {
            FirmwareSlots slots = access.Slots();
            slots.ValidateFirmware();
            parse.InvocationConfiguration.Output.WriteLine(slots.ActiveSlot is { } slot ? $"validated the firmware in slot {slot}" : "validated the running firmware");
            return MedullaCli.Success;
        });
        return command;
    }

    internal static Command Revert(Option<string> config)
    {
        var noReboot = new Option<bool>("--no-reboot")
        {
            Description = "Only switch the slot. (This version never reboots: without this option it says that a reboot is needed; rebooting comes with Medulla.Runtime)",
        };
        var command = new Command("revert", "Make the other slot active at the next boot, in one write; refused when it holds no firmware for this platform and architecture. Does not reboot yet: prints that a reboot is needed")
        {
            noReboot,
        };
        FirmwareCommands.SetAction(command, config, (parse, access) =>
        {
            FirmwareSlots slots = access.Slots();
            slots.Revert();
            TextWriter output = parse.InvocationConfiguration.Output;
            string slot = slots.ActiveSlot!;
            output.WriteLine($"reverted: slot {slot} is active from the next boot");
            if (!parse.GetValue(noReboot))
            {
                output.WriteLine($"reboot needed: this version of medulla does not reboot (that comes with Medulla.Runtime); reboot the device to start slot {slot}");
            }
            return MedullaCli.Success;
        });
        return command;
    }

    internal static Command PreventRevert(Option<string> config)
    {
        var command = new Command("prevent-revert", "Make a later revert refuse, in one write: delete the other slot's nerves_fw_platform and nerves_fw_architecture (its other metadata stays)");
        FirmwareCommands.SetAction(command, config, (parse, access) =>
        {
            FirmwareSlots slots = access.Slots();
            slots.PreventRevert();
            string other = slots.ActiveSlot == "a" ? "b" : "a";
            parse.InvocationConfiguration.Output.WriteLine(
                $"revert prevented: {FirmwareKeys.InSlot(other, FirmwareKeys.Platform)} and {FirmwareKeys.InSlot(other, FirmwareKeys.Architecture)} are deleted");
            return MedullaCli.Success;
        });
        return command;
    }
}
