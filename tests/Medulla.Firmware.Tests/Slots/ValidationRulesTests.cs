namespace Medulla.Firmware.Tests.Slots;

public sealed class ValidationRulesTests
{
    private static Dictionary<string, string> Vars(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    [Theory]
    // upgrade_available decides when it is 0 or 1, whatever the validated variables say
    [InlineData(FirmwareValidation.Validated, "upgrade_available=0", "nerves_fw_validated=0", "nerves_fw_active=a", "a.nerves_fw_validated=0")]
    [InlineData(FirmwareValidation.Unvalidated, "upgrade_available=1", "nerves_fw_validated=1", "nerves_fw_active=a", "a.nerves_fw_validated=1")]
    // otherwise the active slot's nerves_fw_validated, before the global one
    [InlineData(FirmwareValidation.Validated, "nerves_fw_active=a", "a.nerves_fw_validated=1", "nerves_fw_validated=0")]
    [InlineData(FirmwareValidation.Unvalidated, "nerves_fw_active=b", "b.nerves_fw_validated=0", "nerves_fw_validated=1", "a.nerves_fw_validated=1")]
    [InlineData(FirmwareValidation.Validated, "upgrade_available=", "nerves_fw_active=a", "a.nerves_fw_validated=1")]
    // then the global one
    [InlineData(FirmwareValidation.Validated, "nerves_fw_active=a", "nerves_fw_validated=1", "b.nerves_fw_validated=0")]
    [InlineData(FirmwareValidation.Unvalidated, "nerves_fw_validated=0")]
    // nothing, or another value, is unknown
    [InlineData(FirmwareValidation.Unknown)]
    [InlineData(FirmwareValidation.Unknown, "nerves_fw_active=a", "upgrade_available=2")]
    [InlineData(FirmwareValidation.Unknown, "nerves_fw_validated=yes")]
    public void Validation_status_follows_the_rules(FirmwareValidation expected, params string[] variables)
    {
        Assert.Equal(expected, FirmwareSlots.ValidationOf(Vars(variables)));
    }

    [Theory]
    [InlineData(FirmwareValidation.Unknown, true)]
    [InlineData(FirmwareValidation.Validated, true)]
    [InlineData(FirmwareValidation.Unvalidated, false)]
    public void Unknown_counts_as_valid(FirmwareValidation validation, bool valid)
    {
        string[] variables = validation switch
        {
            FirmwareValidation.Validated => ["nerves_fw_validated=1"],
            FirmwareValidation.Unvalidated => ["nerves_fw_validated=0"],
            _ => [],
        };
        var slots = new FirmwareSlots(new KvStore(new MemoryKvBackend(Vars(variables))));

        Assert.Equal(validation, slots.Validation);
        Assert.Equal(valid, slots.IsValid);
    }
}
