using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests;

/// <summary>The examples of docs/firmware.md: the working example at the top, and the key-value store's, against an image file and against memory.</summary>
public sealed class DocumentationExampleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static bool SelfTestPassed() => true;

    private static List<string> Example(KvStore kv)
    {
        var output = new List<string>();
        var slots = new FirmwareSlots(kv);

        output.Add($"slot {slots.ActiveSlot}: {kv.GetActive(FirmwareKeys.Version)} ({slots.Validation})");
        foreach (string warning in kv.Warnings)
        {
            output.Add(warning);
        }

        if (slots.Validation == FirmwareValidation.Unvalidated && SelfTestPassed())
        {
            slots.ValidateFirmware();
        }

        kv.Put(new Dictionary<string, string?>
        {
            ["my_app.mode"] = "kiosk",
            ["my_app.legacy"] = null,
        });
        return output;
    }

    private static Dictionary<string, string> Upgraded() => new()
    {
        ["nerves_fw_active"] = "a",
        ["a.nerves_fw_version"] = "1.0.0",
        ["upgrade_available"] = "1",
        ["my_app.legacy"] = "x",
    };

    [Fact]
    public void The_example_runs_against_a_U_Boot_environment_image()
    {
        var image = new EnvImage(_dir, "env", EnvLayout.Redundant, 0x2000);
        File.WriteAllBytes(image.ImagePath, new byte[0x4000]);
        image.Environment().Replace(Upgraded());
        var kv = new KvStore(UBootEnvBackend.FromConfigFile(image.ConfigPath, lockPath: null));

        List<string> output = Example(kv);

        Assert.Equal("slot a: 1.0.0 (Unvalidated)", output[0]);
        Assert.Single(output, line => line.Contains("blank", StringComparison.Ordinal));
        IReadOnlyDictionary<string, string> after = image.Environment().Read().Variables;
        Assert.Equal("0", after["upgrade_available"]);
        Assert.Equal("kiosk", after["my_app.mode"]);
        Assert.False(after.ContainsKey("my_app.legacy"));
    }

    [Fact]
    public void The_working_example_runs_on_an_image_made_by_mkenvimage()
    {
        // given the image of the shell part: mkenvimage -r, its copy twice, and the config
        (string, string)[] lines =
        [
            ("nerves_fw_active", "a"),
            ("a.nerves_fw_version", "1.1.0"),
            ("a.nerves_fw_platform", "rpi4"),
            ("a.nerves_fw_architecture", "arm"),
            ("nerves_serial_number", "0123456789"),
        ];
        byte[] copy = new Mkenvimage().Create(lines.Select(l => KeyValuePair.Create(l.Item1, l.Item2)), 0x2000, redundant: true, pad: null, _dir);
        var image = new EnvImage(_dir, "env", EnvLayout.Redundant, 0x2000);
        File.WriteAllBytes(image.ImagePath, [.. copy, .. copy]);
        image.Environment().Update(new Dictionary<string, string?> { ["b.nerves_fw_version"] = "1.0.0" });

        // when the C# part runs
        var slots = new FirmwareSlots(new KvStore(UBootEnvBackend.FromConfigFile(image.ConfigPath)));
        FirmwareStatus status = slots.GetStatus();
        string printed = $"slot {status.ActiveSlot}: {status.Active?.Version}, {status.Validation}, serial {status.SerialNumber}";
        if (status.Validation != FirmwareValidation.Validated)
        {
            slots.ValidateFirmware();
        }

        // then it printed what the documentation says, and the firmware is validated
        Assert.Equal("slot a: 1.1.0, Unknown, serial 0123456789", printed);
        Assert.Equal(FirmwareValidation.Validated, FirmwareSlots.ValidationOf(image.Environment().Read().Variables));
    }

    [Fact]
    public void The_example_runs_against_memory()
    {
        var kv = new KvStore(new MemoryKvBackend(Upgraded()));

        List<string> output = Example(kv);

        Assert.Equal(["slot a: 1.0.0 (Unvalidated)"], output);
        Assert.Equal(FirmwareValidation.Validated, new FirmwareSlots(kv).Validation);
    }
}
