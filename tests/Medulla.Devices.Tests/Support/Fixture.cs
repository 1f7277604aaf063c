namespace Medulla.Devices.Tests.Support;

/// <summary>The captured uevents under Fixtures/.</summary>
internal static class Fixture
{
    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static string[] Names => ["null-add.bin", "loop0-attach-change.bin", "loop0-detach-change.bin", "loop0-detach-media-change.bin", "pci-change.bin"];

    /// <summary>A uevent datagram built from fields the way the kernel lays them out.</summary>
    public static byte[] Uevent(string action, string devPath, params string[] fields)
    {
        string text = $"{action}@{devPath}\0ACTION={action}\0DEVPATH={devPath}\0" + string.Concat(fields.Select(f => f + "\0"));
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
