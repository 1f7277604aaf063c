using System.Globalization;
using Medulla.Firmware;

namespace Medulla.Bench.Firmware;

/// <summary>
/// The environment every firmware measurement reads: a redundant pair of 128 KiB copies in an image file
/// under the temp directory, with its fw_env.config, filled to about three quarters with variables that
/// look like a device's (Nerves slot metadata and many application settings).
/// </summary>
/// <param name="Directory">The temporary directory holding both files, deleted on disposal.</param>
/// <param name="ImagePath">The image file.</param>
/// <param name="ConfigPath">Its fw_env.config.</param>
/// <param name="Config">The same, parsed.</param>
/// <param name="Variables">What the image holds.</param>
/// <param name="DataBytes">Bytes of <c>name=value\0</c> entries in each copy.</param>
internal sealed record BenchEnvironment(
    string Directory, string ImagePath, string ConfigPath, FwEnvConfig Config, IReadOnlyDictionary<string, string> Variables, int DataBytes) : IDisposable
{
    internal const int EnvSize = 0x20000;

    /// <summary>How full the data area is made: room is left, as on a device that still has to take upgrades.</summary>
    private const double Fill = 0.75;

    /// <summary>Writes the image (both copies valid, copy 2 current) and its config into a new directory.</summary>
    internal static BenchEnvironment Create()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"medulla-bench-fw-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(directory);
        string image = Path.Combine(directory, "env.img");
        string configPath = Path.Combine(directory, "fw_env.config");
        FwEnvConfig config = FwEnvConfig.ForImage(image, EnvLayout.Redundant, EnvSize);
        File.WriteAllText(configPath, config.ToConfigText());
        File.WriteAllBytes(image, new byte[2 * EnvSize]);

        Dictionary<string, string> variables = DeviceLikeVariables();
        var environment = new UBootEnvironment(config, lockPath: null);
        // Twice, so that both copies are valid (the first write goes to copy 1, the second to copy 2).
        environment.Replace(variables);
        environment.Replace(variables);
        int data = variables.Sum(v => System.Text.Encoding.UTF8.GetByteCount(v.Key) + System.Text.Encoding.UTF8.GetByteCount(v.Value) + 2);
        return new BenchEnvironment(directory, image, configPath, config, variables, data);
    }

    /// <summary>One copy as stored (the current one), for decoding in memory.</summary>
    internal byte[] CurrentCopy()
    {
        byte[] image = File.ReadAllBytes(ImagePath);
        return image[EnvSize..];
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static Dictionary<string, string> DeviceLikeVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["nerves_fw_active"] = "a",
            ["nerves_serial_number"] = "MDL-0001-4C2A",
            ["upgrade_available"] = "0",
            ["bootcount"] = "0",
            ["bootlimit"] = "3",
            ["bootargs"] = "console=ttyS0,115200 root=/dev/mmcblk0p2 rootfstype=squashfs rootwait quiet",
        };
        foreach (string slot in new[] { "a", "b" })
        {
            variables[$"{slot}.nerves_fw_version"] = slot == "a" ? "1.4.2" : "1.4.1";
            variables[$"{slot}.nerves_fw_product"] = "medulla_gateway";
            variables[$"{slot}.nerves_fw_platform"] = "rpi4";
            variables[$"{slot}.nerves_fw_architecture"] = "arm";
            variables[$"{slot}.nerves_fw_uuid"] = $"7f1c2e4a-0b9d-4c3e-8a51-{slot}0c1d2e3f4a5b";
            variables[$"{slot}.nerves_fw_application_part0_devpath"] = "/dev/mmcblk0p4";
        }
        int room = (int)((EnvSize - UBootEnvCodec.HeaderSize(EnvLayout.Redundant)) * Fill);
        int used = variables.Sum(v => v.Key.Length + v.Value.Length + 2);
        for (int i = 0; used < room; i++)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"app.setting_{i:D5}");
            string value = string.Create(CultureInfo.InvariantCulture, $"value {i * 7919 % 100_000:D5} of the application's configuration, kept across upgrades");
            variables[name] = value;
            used += name.Length + value.Length + 2;
        }
        return variables;
    }
}
