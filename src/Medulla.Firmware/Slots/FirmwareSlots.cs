namespace Medulla.Firmware;

/// <summary>
/// The A/B firmware slots as the boot loader's variables describe them: which slot is active, what each
/// holds, whether the running firmware is validated; and the operations that change that: validate,
/// revert, prevent revert. Each operation is one atomic write.
/// </summary>
/// <remarks>
/// <para>
/// The variables follow the Nerves convention (fwup writes them at an upgrade) and U-Boot's
/// bootcount-limit scheme: after an upgrade <c>upgrade_available</c> is "1", so U-Boot increments
/// <c>bootcount</c> at every boot and, once it passes <c>bootlimit</c>, runs <c>altbootcmd</c> (which the
/// board's script uses to boot the other slot). Validating sets <c>upgrade_available</c> to "0" so the
/// counting stops. <c>bootlimit</c> is never written here.
/// </para>
/// <para>
/// Operations decide on a fresh read of the variables (<see cref="KvStore.Reload"/>), then write.
/// Nothing reboots: a revert takes effect at the next boot, which the caller arranges.
/// </para>
/// </remarks>
public sealed class FirmwareSlots
{
    /// <summary>Creates the view over <paramref name="kv"/>.</summary>
    public FirmwareSlots(KvStore kv)
    {
        ArgumentNullException.ThrowIfNull(kv);
        Kv = kv;
    }

    /// <summary>The store the variables are read from and written to.</summary>
    public KvStore Kv { get; }

    /// <summary>The value of <c>nerves_fw_active</c> ("a" or "b"), or null when unset.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public string? ActiveSlot => Kv.Get(FirmwareKeys.Active);

    /// <summary>The value of <c>nerves_serial_number</c>, or null when unset.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public string? SerialNumber => Kv.Get(FirmwareKeys.SerialNumber);

    /// <summary>Whether the running firmware is validated; see <see cref="ValidationOf"/> for the rules.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public FirmwareValidation Validation => ValidationOf(Kv.GetAll());

    /// <summary>True unless the firmware is explicitly unvalidated (unknown counts as valid).</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public bool IsValid => Validation != FirmwareValidation.Unvalidated;

    /// <summary>The metadata of <paramref name="slot"/> ("a" or "b").</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public SlotMetadata GetSlot(string slot)
    {
        ArgumentException.ThrowIfNullOrEmpty(slot);
        return SlotMetadata.From(slot, Kv.GetAll());
    }

    /// <summary>Everything about the slots from one snapshot of the variables.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public FirmwareStatus GetStatus()
    {
        IReadOnlyDictionary<string, string> values = Kv.GetAll();
        string? active = values.GetValueOrDefault(FirmwareKeys.Active);
        string? other = OtherSlot(active);
        return new FirmwareStatus
        {
            ActiveSlot = active,
            Validation = ValidationOf(values),
            Active = other is null ? null : SlotMetadata.From(active!, values),
            Other = other is null ? null : SlotMetadata.From(other, values),
            RevertRefusal = RevertRefusal(values),
            BootCount = values.GetValueOrDefault(FirmwareKeys.BootCount),
            BootLimit = values.GetValueOrDefault(FirmwareKeys.BootLimit),
            SerialNumber = values.GetValueOrDefault(FirmwareKeys.SerialNumber),
            Warnings = Kv.Warnings,
        };
    }

    /// <summary>
    /// The validation rules: <c>upgrade_available</c> "0" is validated and "1" unvalidated; otherwise the
    /// active slot's <c>&lt;slot&gt;.nerves_fw_validated</c>, or failing that the global
    /// <c>nerves_fw_validated</c>: "1" validated, "0" unvalidated; nothing (or another value) is unknown.
    /// </summary>
    public static FirmwareValidation ValidationOf(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        switch (values.GetValueOrDefault(FirmwareKeys.UpgradeAvailable))
        {
            case "0":
                return FirmwareValidation.Validated;
            case "1":
                return FirmwareValidation.Unvalidated;
        }
        string? validated = null;
        if (values.TryGetValue(FirmwareKeys.Active, out string? active))
        {
            validated = values.GetValueOrDefault(FirmwareKeys.InSlot(active, FirmwareKeys.Validated));
        }
        validated ??= values.GetValueOrDefault(FirmwareKeys.Validated);
        return validated switch
        {
            "1" => FirmwareValidation.Validated,
            "0" => FirmwareValidation.Unvalidated,
            _ => FirmwareValidation.Unknown,
        };
    }

    /// <summary>
    /// Marks the running firmware good, in one write: <c>upgrade_available=0</c> (U-Boot stops counting
    /// boots), <c>bootcount=0</c>, <c>nerves_fw_validated=1</c>, and <c>&lt;active&gt;.nerves_fw_validated=1</c>
    /// when that variable exists. Nothing is written when all of them already have those values.
    /// </summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read or written.</exception>
    public void ValidateFirmware()
    {
        Kv.Reload();
        IReadOnlyDictionary<string, string> values = Kv.GetAll();
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [FirmwareKeys.UpgradeAvailable] = "0",
            [FirmwareKeys.BootCount] = "0",
            [FirmwareKeys.Validated] = "1",
        };
        if (values.TryGetValue(FirmwareKeys.Active, out string? active)
            && values.ContainsKey(FirmwareKeys.InSlot(active, FirmwareKeys.Validated)))
        {
            changes[FirmwareKeys.InSlot(active, FirmwareKeys.Validated)] = "1";
        }
        PutIfChanged(values, changes);
    }

    /// <summary>
    /// Makes the other slot the one to boot next, in one write: <c>nerves_fw_active=&lt;other&gt;</c>,
    /// <c>nerves_fw_validated=1</c> and <c>&lt;other&gt;.nerves_fw_validated=1</c> when that variable exists
    /// (that firmware ran before), <c>upgrade_available=0</c> and <c>bootcount=0</c> (so U-Boot does not
    /// count its boots and switch back). Takes effect at the next boot; the caller reboots.
    /// </summary>
    /// <exception cref="FirmwareSlotException">
    /// <c>nerves_fw_active</c> is not "a" or "b"; the other slot has no <c>nerves_fw_platform</c> or
    /// <c>nerves_fw_architecture</c> (no firmware, or <see cref="PreventRevert"/> was called); or its
    /// platform or architecture differs from the active slot's. Nothing was written.
    /// </exception>
    /// <exception cref="KvUnavailableException">The backend cannot be read or written.</exception>
    public void Revert()
    {
        Kv.Reload();
        IReadOnlyDictionary<string, string> values = Kv.GetAll();
        string? refusal = RevertRefusal(values);
        if (refusal is not null)
        {
            throw new FirmwareSlotException($"cannot revert: {refusal}");
        }
        string other = OtherSlot(values[FirmwareKeys.Active])!;
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [FirmwareKeys.Active] = other,
            [FirmwareKeys.Validated] = "1",
            [FirmwareKeys.UpgradeAvailable] = "0",
            [FirmwareKeys.BootCount] = "0",
        };
        if (values.ContainsKey(FirmwareKeys.InSlot(other, FirmwareKeys.Validated)))
        {
            changes[FirmwareKeys.InSlot(other, FirmwareKeys.Validated)] = "1";
        }
        Kv.Put(changes);
    }

    /// <summary>
    /// Makes a later <see cref="Revert"/> refuse, as Nerves' <c>prevent-revert</c> task does: deletes the
    /// other slot's <c>nerves_fw_platform</c> and <c>nerves_fw_architecture</c> in one write. The other
    /// slot's remaining metadata (version, UUID, ...) is kept for diagnostics, and its partition is not
    /// erased. The next firmware update writes the slot's metadata again.
    /// </summary>
    /// <exception cref="FirmwareSlotException"><c>nerves_fw_active</c> is not "a" or "b"; nothing was written.</exception>
    /// <exception cref="KvUnavailableException">The backend cannot be read or written.</exception>
    public void PreventRevert()
    {
        Kv.Reload();
        IReadOnlyDictionary<string, string> values = Kv.GetAll();
        string? active = values.GetValueOrDefault(FirmwareKeys.Active);
        string other = OtherSlot(active) ?? throw new FirmwareSlotException($"cannot prevent a revert: {DescribeActive(active)}");
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [FirmwareKeys.InSlot(other, FirmwareKeys.Platform)] = null,
            [FirmwareKeys.InSlot(other, FirmwareKeys.Architecture)] = null,
        };
        PutIfChanged(values, changes);
    }

    /// <summary>Why a revert is impossible with these variables, or null when it is possible.</summary>
    internal static string? RevertRefusal(IReadOnlyDictionary<string, string> values)
    {
        string? active = values.GetValueOrDefault(FirmwareKeys.Active);
        string? other = OtherSlot(active);
        if (other is null)
        {
            return DescribeActive(active);
        }
        SlotMetadata target = SlotMetadata.From(other, values);
        SlotMetadata running = SlotMetadata.From(active!, values);
        if (target.Platform is null || target.Architecture is null)
        {
            string missing = FirmwareKeys.InSlot(other, target.Platform is null ? FirmwareKeys.Platform : FirmwareKeys.Architecture);
            return $"slot {other} has no firmware to revert to ({missing} is not set; prevent-revert removes it)";
        }
        if (running.Platform is not null && running.Platform != target.Platform)
        {
            return $"slot {other} holds firmware for platform '{target.Platform}', the running firmware is for '{running.Platform}'";
        }
        if (running.Architecture is not null && running.Architecture != target.Architecture)
        {
            return $"slot {other} holds firmware for architecture '{target.Architecture}', the running firmware is for '{running.Architecture}'";
        }
        return null;
    }

    private static string? OtherSlot(string? active) => active switch
    {
        "a" => "b",
        "b" => "a",
        _ => null,
    };

    private static string DescribeActive(string? active) => active is null
        ? $"{FirmwareKeys.Active} is not set"
        : $"{FirmwareKeys.Active} is '{active}', expected 'a' or 'b'";

    private void PutIfChanged(IReadOnlyDictionary<string, string> values, Dictionary<string, string?> changes)
    {
        bool changed = changes.Any(c => c.Value is null ? values.ContainsKey(c.Key) : values.GetValueOrDefault(c.Key) != c.Value);
        if (changed)
        {
            Kv.Put(changes);
        }
    }
}
