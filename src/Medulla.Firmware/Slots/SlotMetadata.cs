namespace Medulla.Firmware;

/// <summary>The metadata fwup recorded for the firmware in one slot (<c>&lt;slot&gt;.nerves_fw_*</c>).</summary>
public sealed record SlotMetadata
{
    /// <summary>The slot's prefix, "a" or "b".</summary>
    public required string Slot { get; init; }

    /// <summary><c>nerves_fw_version</c>.</summary>
    public string? Version { get; init; }

    /// <summary><c>nerves_fw_product</c>.</summary>
    public string? Product { get; init; }

    /// <summary><c>nerves_fw_platform</c>.</summary>
    public string? Platform { get; init; }

    /// <summary><c>nerves_fw_architecture</c>.</summary>
    public string? Architecture { get; init; }

    /// <summary><c>nerves_fw_author</c>.</summary>
    public string? Author { get; init; }

    /// <summary><c>nerves_fw_description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>nerves_fw_vcs_identifier</c>.</summary>
    public string? VcsIdentifier { get; init; }

    /// <summary><c>nerves_fw_misc</c>.</summary>
    public string? Misc { get; init; }

    /// <summary><c>nerves_fw_uuid</c>.</summary>
    public string? Uuid { get; init; }

    /// <summary><c>nerves_fw_application_part0_devpath</c>.</summary>
    public string? ApplicationPartDevPath { get; init; }

    /// <summary><c>nerves_fw_application_part0_fstype</c>.</summary>
    public string? ApplicationPartFsType { get; init; }

    /// <summary><c>nerves_fw_application_part0_target</c>.</summary>
    public string? ApplicationPartTarget { get; init; }

    /// <summary>
    /// Whether the slot holds firmware that can be booted by a revert: its platform and architecture are
    /// recorded. fwup writes both with every firmware; <see cref="FirmwareSlots.PreventRevert"/> removes them.
    /// </summary>
    public bool HasFirmware => Platform is not null && Architecture is not null;

    /// <summary>Reads a slot's metadata from all variables.</summary>
    public static SlotMetadata From(string slot, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(variables);
        string? Value(string key) => variables.GetValueOrDefault(FirmwareKeys.InSlot(slot, key));
        return new SlotMetadata
        {
            Slot = slot,
            Version = Value(FirmwareKeys.Version),
            Product = Value(FirmwareKeys.Product),
            Platform = Value(FirmwareKeys.Platform),
            Architecture = Value(FirmwareKeys.Architecture),
            Author = Value(FirmwareKeys.Author),
            Description = Value(FirmwareKeys.Description),
            VcsIdentifier = Value(FirmwareKeys.VcsIdentifier),
            Misc = Value(FirmwareKeys.Misc),
            Uuid = Value(FirmwareKeys.Uuid),
            ApplicationPartDevPath = Value(FirmwareKeys.ApplicationPartDevPath),
            ApplicationPartFsType = Value(FirmwareKeys.ApplicationPartFsType),
            ApplicationPartTarget = Value(FirmwareKeys.ApplicationPartTarget),
        };
    }
}
