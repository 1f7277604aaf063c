using Medulla.Firmware;
using Medulla.Runtime;

namespace Medulla.Runtime.Tests.Serial;

public class SerialNumberTests
{
    [Fact]
    public void The_kv_stores_serial_number_comes_first()
    {
        using var root = new Root();
        root.Write("proc/device-tree/serial-number", "10000000abcdef\0");

        var serial = new SerialNumber(root.Options(), Kv(("nerves_serial_number", "KV-123")));

        Assert.Equal("KV-123", serial.Read());
    }

    [Fact]
    public void The_device_tree_serial_number_loses_its_trailing_nul()
    {
        using var root = new Root();
        root.Write("proc/device-tree/serial-number", "10000000abcdef\0");
        root.Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");

        var serial = new SerialNumber(root.Options(), Kv());

        Assert.Equal("10000000abcdef", serial.Read());
    }

    [Fact]
    public void The_dmi_product_serial_comes_before_the_machine_id()
    {
        using var root = new Root();
        root.Write("sys/class/dmi/id/product_serial", "VM-42\n");
        root.Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");

        Assert.Equal("VM-42", new SerialNumber(root.Options()).Read());
    }

    [Fact]
    public void The_machine_id_is_the_last_default_source()
    {
        using var root = new Root();
        root.Write("etc/machine-id", "0123456789abcdef0123456789abcdef\n");

        Assert.Equal("0123456789abcdef0123456789abcdef", new SerialNumber(root.Options()).Read());
    }

    [Fact]
    public void An_empty_source_counts_as_missing()
    {
        using var root = new Root();
        root.Write("proc/device-tree/serial-number", "\0");
        root.Write("etc/machine-id", "abc\n");

        Assert.Equal("abc", new SerialNumber(root.Options(), Kv(("nerves_serial_number", ""))).Read());
    }

    [Fact]
    public void No_source_gives_unconfigured()
    {
        using var root = new Root();

        Assert.Equal("unconfigured", new SerialNumber(root.Options(), Kv()).Read());
    }

    [Fact]
    public void The_order_is_configurable()
    {
        using var root = new Root();
        root.Write("proc/device-tree/serial-number", "DT-1\0");
        root.Write("etc/machine-id", "abc\n");
        SerialOptions options = root.Options();
        options.Sources = "machine-id, kv";

        Assert.Equal("abc", new SerialNumber(options, Kv(("nerves_serial_number", "KV-1"))).Read());
    }

    [Fact]
    public void A_source_left_out_of_the_order_is_not_read()
    {
        using var root = new Root();
        root.Write("proc/device-tree/serial-number", "DT-1\0");
        SerialOptions options = root.Options();
        options.Sources = "kv, dmi";

        Assert.Equal("unconfigured", new SerialNumber(options, Kv()).Read());
    }

    [Fact]
    public void The_kv_key_is_configurable()
    {
        using var root = new Root();
        SerialOptions options = root.Options();
        options.KvKey = "serial";

        Assert.Equal("S-9", new SerialNumber(options, Kv(("serial", "S-9"), ("nerves_serial_number", "N-1"))).Read());
    }

    private static KvStore Kv(params (string Key, string Value)[] values) =>
        new(new MemoryKvBackend(values.Select(v => KeyValuePair.Create(v.Key, v.Value))));

    private sealed class Root : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public void Write(string relative, string text)
        {
            string path = _dir.Combine(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        public SerialOptions Options() => new() { RootPath = _dir.Path };

        public void Dispose() => _dir.Dispose();
    }
}
