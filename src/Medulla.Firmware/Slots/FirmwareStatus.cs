namespace Medulla.Firmware;

/// <summary>The firmware state read from one snapshot of the variables.</summary>
public sealed record FirmwareStatus
{
    /// <summary>The value of <c>nerves_fw_active</c>, or null when unset.</summary>
    public string? ActiveSlot { get; init; }

    /// <summary>Whether the running firmware has been validated.</summary>
    public FirmwareValidation Validation { get; init; }

    /// <summary>The active slot's metadata, or null when the active slot is not "a" or "b".</summary>
    public SlotMetadata? Active { get; init; }

    /// <summary>The other slot's metadata, or null when the active slot is not "a" or "b".</summary>
    public SlotMetadata? Other { get; init; }

    /// <summary>Why <see cref="FirmwareSlots.Revert"/> would refuse, or null when it would switch slots.</summary>
    public string? RevertRefusal { get; init; }

    /// <summary>Whether <see cref="FirmwareSlots.Revert"/> would switch slots.</summary>
    public bool CanRevert => RevertRefusal is null;

    /// <summary>
    /// The value of <c>bootcount</c>, or null when unset: the boots U-Boot counted while
    /// <c>upgrade_available=1</c> (validating resets it to 0; past <see cref="BootLimit"/> U-Boot boots the
    /// other slot and leaves it, so a value above the limit records a fallback).
    /// </summary>
    public string? BootCount { get; init; }

    /// <summary>The value of <c>bootlimit</c>, or null when unset: the boots allowed before U-Boot falls back.</summary>
    public string? BootLimit { get; init; }

    /// <summary>The value of <c>nerves_serial_number</c>, or null when unset.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>Problems the backend noticed, e.g. a corrupt redundant copy; empty when all is well.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
