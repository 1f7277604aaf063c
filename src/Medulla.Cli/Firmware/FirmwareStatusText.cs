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
