using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.Slots;

public sealed class FirmwareSlotsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Vars(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>A device just upgraded from slot a to slot b, as fwup leaves it.</summary>
    private static Dictionary<string, string> AfterUpgrade() => Vars(
        "nerves_fw_active=b", "upgrade_available=1", "bootcount=2", "bootlimit=3", "nerves_fw_validated=0",
        "nerves_serial_number=SN42",
        "a.nerves_fw_version=1.0.0", "a.nerves_fw_platform=rpi4", "a.nerves_fw_architecture=aarch64", "a.nerves_fw_product=demo",
        "b.nerves_fw_version=1.1.0", "b.nerves_fw_platform=rpi4", "b.nerves_fw_architecture=aarch64", "b.nerves_fw_product=demo",
        "b.nerves_fw_uuid=1234-5678", "b.nerves_fw_application_part0_devpath=/dev/mmcblk0p4",
        "b.nerves_fw_application_part0_fstype=ext4", "b.nerves_fw_application_part0_target=/root");

    private static (FirmwareSlots Slots, RecordingBackend Backend) Make(Dictionary<string, string> variables)
    {
        var backend = new RecordingBackend(variables);
        return (new FirmwareSlots(new KvStore(backend)), backend);
    }

    [Fact]
    public void Slot_metadata_is_typed_and_the_serial_number_read()
    {
        (FirmwareSlots slots, _) = Make(AfterUpgrade());

        SlotMetadata b = slots.GetSlot("b");

        Assert.Equal("b", slots.ActiveSlot);
        Assert.Equal("SN42", slots.SerialNumber);
        Assert.Equal(new SlotMetadata
        {
            Slot = "b",
            Version = "1.1.0",
            Product = "demo",
            Platform = "rpi4",
            Architecture = "aarch64",
            Uuid = "1234-5678",
            ApplicationPartDevPath = "/dev/mmcblk0p4",
            ApplicationPartFsType = "ext4",
            ApplicationPartTarget = "/root",
        }, b);
        Assert.True(b.HasFirmware);
        Assert.False(slots.GetSlot("c").HasFirmware);
    }

    [Fact]
    public void GetStatus_gathers_everything_from_one_read()
    {
        (FirmwareSlots slots, RecordingBackend backend) = Make(AfterUpgrade());

        FirmwareStatus status = slots.GetStatus();

        Assert.Equal("b", status.ActiveSlot);
        Assert.Equal(FirmwareValidation.Unvalidated, status.Validation);
        Assert.Equal("1.1.0", status.Active!.Version);
        Assert.Equal("1.0.0", status.Other!.Version);
        Assert.True(status.CanRevert);
        Assert.Equal("SN42", status.SerialNumber);
        Assert.Equal(1, backend.Loads);
    }

    [Fact]
    public void ValidateFirmware_writes_upgrade_available_bootcount_and_validated_in_one_write()
    {
        (FirmwareSlots slots, RecordingBackend backend) = Make(AfterUpgrade());

        slots.ValidateFirmware();

        IReadOnlyDictionary<string, string?> commit = Assert.Single(backend.Commits);
        Assert.Equal(new Dictionary<string, string?> { ["upgrade_available"] = "0", ["bootcount"] = "0", ["nerves_fw_validated"] = "1" }, commit);
        Assert.Equal(FirmwareValidation.Validated, slots.Validation);
        Assert.Equal("3", slots.Kv.Get("bootlimit"));
    }

    [Fact]
    public void ValidateFirmware_also_sets_the_slot_variable_when_the_slot_variable_is_in_use()
    {
        Dictionary<string, string> variables = AfterUpgrade();
        variables.Remove("upgrade_available");
        variables["b.nerves_fw_validated"] = "0";
        (FirmwareSlots slots, RecordingBackend backend) = Make(variables);
        Assert.Equal(FirmwareValidation.Unvalidated, slots.Validation);

        slots.ValidateFirmware();

        Assert.Equal("1", Assert.Single(backend.Commits)["b.nerves_fw_validated"]);
        Assert.Equal(FirmwareValidation.Validated, slots.Validation);
    }

    [Fact]
    public void ValidateFirmware_writes_nothing_when_already_validated()
    {
        (FirmwareSlots slots, RecordingBackend backend) = Make(Vars("upgrade_available=0", "bootcount=0", "nerves_fw_validated=1"));

        slots.ValidateFirmware();

        Assert.Empty(backend.Commits);
    }

    [Fact]
    public void ValidateFirmware_reads_fresh_variables_first()
    {
        (FirmwareSlots slots, RecordingBackend backend) = Make(Vars("upgrade_available=0", "bootcount=0", "nerves_fw_validated=1"));
        Assert.Equal(FirmwareValidation.Validated, slots.Validation);
        backend.ChangeOutside("upgrade_available", "1");

        slots.ValidateFirmware();

        Assert.Single(backend.Commits);
    }

    [Fact]
    public void Revert_switches_the_active_slot_and_resets_the_boot_variables_in_one_write()
    {
        (FirmwareSlots slots, RecordingBackend backend) = Make(AfterUpgrade());

        slots.Revert();

        IReadOnlyDictionary<string, string?> commit = Assert.Single(backend.Commits);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["nerves_fw_active"] = "a",
            ["nerves_fw_validated"] = "1",
            ["upgrade_available"] = "0",
            ["bootcount"] = "0",
        }, commit);
        Assert.Equal("a", slots.ActiveSlot);
        Assert.Equal("1.0.0", slots.Kv.GetActive("nerves_fw_version"));
    }

    [Fact]
    public void Revert_marks_the_target_slot_validated_when_slot_variables_are_in_use()
    {
        Dictionary<string, string> variables = AfterUpgrade();
        variables["a.nerves_fw_validated"] = "1";
        variables["b.nerves_fw_validated"] = "0";
        (FirmwareSlots slots, RecordingBackend backend) = Make(variables);

        slots.Revert();

        Assert.Equal("1", Assert.Single(backend.Commits)["a.nerves_fw_validated"]);
        Assert.Equal(FirmwareValidation.Validated, slots.Validation);
    }

    [Theory]
    [InlineData(null, "cannot revert: nerves_fw_active is not set")]
    [InlineData("c", "cannot revert: nerves_fw_active is 'c', expected 'a' or 'b'")]
    public void Revert_refuses_without_an_a_or_b_active_slot(string? active, string message)
    {
        Dictionary<string, string> variables = AfterUpgrade();
        variables.Remove("nerves_fw_active");
        if (active is not null)
        {
            variables["nerves_fw_active"] = active;
        }
        (FirmwareSlots slots, RecordingBackend backend) = Make(variables);

        var error = Assert.Throws<FirmwareSlotException>(slots.Revert);

        Assert.Equal(message, error.Message);
        Assert.Empty(backend.Commits);
    }

    [Fact]
    public void Revert_refuses_when_the_other_slot_has_no_firmware()
    {
        Dictionary<string, string> variables = AfterUpgrade();
        variables.Remove("a.nerves_fw_architecture");
        (FirmwareSlots slots, RecordingBackend backend) = Make(variables);

        var error = Assert.Throws<FirmwareSlotException>(slots.Revert);

        Assert.Equal("cannot revert: slot a has no firmware to revert to (a.nerves_fw_architecture is not set; prevent-revert removes it)", error.Message);
        Assert.Empty(backend.Commits);
        Assert.False(slots.GetStatus().CanRevert);
    }

    [Fact]
    public void Revert_refuses_firmware_for_another_platform()
    {
        Dictionary<string, string> variables = AfterUpgrade();
        variables["a.nerves_fw_platform"] = "bbb";
        (FirmwareSlots slots, _) = Make(variables);

        var error = Assert.Throws<FirmwareSlotException>(slots.Revert);

        Assert.Equal("cannot revert: slot a holds firmware for platform 'bbb', the running firmware is for 'rpi4'", error.Message);
    }

    [Fact]
    public void PreventRevert_removes_the_other_slots_platform_and_architecture_so_Revert_refuses()
    {
        (FirmwareSlots slots, RecordingBackend backend) = Make(AfterUpgrade());

        slots.PreventRevert();

        Assert.Equal(new Dictionary<string, string?> { ["a.nerves_fw_platform"] = null, ["a.nerves_fw_architecture"] = null }, Assert.Single(backend.Commits));
        Assert.Equal("1.0.0", slots.GetSlot("a").Version);
        Assert.False(slots.GetSlot("a").HasFirmware);
        Assert.Throws<FirmwareSlotException>(slots.Revert);

        // a second call has nothing left to do
        slots.PreventRevert();
        Assert.Single(backend.Commits);
    }

    [Fact]
    public void PreventRevert_refuses_without_an_active_slot()
    {
        (FirmwareSlots slots, _) = Make(Vars("a.nerves_fw_platform=x"));

        var error = Assert.Throws<FirmwareSlotException>(slots.PreventRevert);

        Assert.Equal("cannot prevent a revert: nerves_fw_active is not set", error.Message);
    }

    [Fact]
    public void On_a_redundant_U_Boot_environment_revert_is_a_single_environment_write_that_fw_printenv_sees()
    {
        // given an upgraded device's environment in a redundant image
        var image = new EnvImage(_dir, "device", EnvLayout.Redundant, 0x2000);
        File.WriteAllBytes(image.ImagePath, new byte[0x4000]);
        image.Environment().Replace(AfterUpgrade());
        var slots = new FirmwareSlots(new KvStore(new UBootEnvBackend(image.Environment())));
        byte flagsBefore = image.Environment().Read().Copies.Max(c => c.Flags);

        // when it reverts
        slots.Revert();

        // then exactly one copy was written (flags + 1) and the reference tool sees slot a active
        UBootEnvSnapshot after = image.Environment().Read();
        Assert.Equal(flagsBefore + 1, after.Copies[after.CurrentCopy].Flags);
        var printed = new LibubootenvTool(_dir).PrintEnv(image.ConfigPath).ToDictionary();
        Assert.Equal("a", printed["nerves_fw_active"]);
        Assert.Equal("0", printed["upgrade_available"]);
        Assert.Equal("0", printed["bootcount"]);
    }
}
