using System.Globalization;
using Medulla.Firmware;

namespace Medulla.Cli.Firmware;

/// <summary>
/// <see cref="FirmwareStatus"/> as the <c>key: value</c> lines of <c>medulla fw status</c>: the running
/// firmware first, then each slot's metadata indented under it, then warnings.
/// </summary>
internal static class FirmwareStatusText
{
    private const string NotSet = "(not set)";

    /// <summary>Writes the status; <paramref name="slots"/> are the slots to describe, the active one first when there is one.</summary>
    internal static void Write(TextWriter output, FirmwareStatus status, IEnumerable<SlotMetadata> slots)
    {
        output.WriteLine($"active slot: {status.ActiveSlot ?? NotSet}");
        output.WriteLine($"validation: {Describe(status.Validation)}");
        output.WriteLine($"serial number: {status.SerialNumber ?? NotSet}");
        output.WriteLine(status.CanRevert ? $"revert: possible, to slot {status.Other?.Slot}" : $"revert: not possible: {status.RevertRefusal}");
        // After the first four lines, whose places scripts may rely on.
        if (BootCountLine(status) is { } bootCount)
        {
            output.WriteLine(bootCount);
        }
        foreach (SlotMetadata slot in slots)
        {
            output.WriteLine(slot.Slot == status.ActiveSlot ? $"slot {slot.Slot} (active):" : $"slot {slot.Slot}:");
            var fields = Fields(slot).Where(f => f.Value is not null).ToList();
            if (fields.Count == 0)
            {
                output.WriteLine("  (no firmware metadata)");
            }
            foreach ((string label, string? value) in fields)
            {
                output.WriteLine($"  {label}: {value}");
            }
        }
        foreach (string warning in status.Warnings)
        {
            output.WriteLine($"warning: {warning}");
        }
    }

    /// <summary>
    /// U-Boot's count of boots against its limit, when <c>bootcount</c> is set: how many boots unvalidated
    /// firmware has left, or that the bootloader fell back (a count past the limit stays until validation).
    /// </summary>
    private static string? BootCountLine(FirmwareStatus status)
    {
        if (status.BootCount is not { } count)
        {
            return null;
        }
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int boots)
            || !int.TryParse(status.BootLimit, NumberStyles.None, CultureInfo.InvariantCulture, out int limit))
        {
            return $"boot count: {count}" + (status.BootLimit is null ? " (no bootlimit)" : $" (bootlimit '{status.BootLimit}')");
        }
        if (boots > limit)
        {
            return $"boot count: {boots}, past the limit {limit}: the bootloader fell back to this slot";
        }
        return status.Validation == FirmwareValidation.Unvalidated
            ? $"boot count: {boots} of at most {limit}: the bootloader falls back to the other slot past the limit"
            : $"boot count: {boots} (limit {limit})";
    }

    private static string Describe(FirmwareValidation validation) => validation switch
    {
        FirmwareValidation.Validated => "validated",
        FirmwareValidation.Unvalidated => "unvalidated",
        _ => "unknown (no variable says; treated as valid)",
    };

    private static (string Label, string? Value)[] Fields(SlotMetadata slot) =>
    [
        ("version", slot.Version),
        ("product", slot.Product),
        ("platform", slot.Platform),
        ("architecture", slot.Architecture),
        ("author", slot.Author),
        ("description", slot.Description),
        ("vcs identifier", slot.VcsIdentifier),
        ("misc", slot.Misc),
        ("uuid", slot.Uuid),
        ("application partition", slot.ApplicationPartDevPath),
        ("application fs type", slot.ApplicationPartFsType),
        ("application target", slot.ApplicationPartTarget),
    ];
}
