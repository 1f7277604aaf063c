using Medulla.Devices.Tests.Support;

namespace Medulla.Devices.Tests.Coldplug;

/// <summary>Coldplug: reading every device's uevent file, on a fake tree and on this machine's /sys.</summary>
public sealed class SysfsDevicesTests : IDisposable
{
    private readonly FakeSysfs _sys = new();

    public void Dispose() => _sys.Dispose();

    [Fact]
    public void Every_directory_with_a_uevent_file_is_a_device_with_its_subsystem_from_the_symlink()
    {
        _sys.Add("/devices/virtual/mem/null", "mem", "MAJOR=1\nMINOR=3\nDEVNAME=null\nDEVMODE=0666\n");
        _sys.Add("/devices/platform", null, "");
        _sys.Add("/devices/platform/serial8250/tty/ttyS0", "tty", "MAJOR=4\nMINOR=64\nDEVNAME=ttyS0\n");
        Directory.CreateDirectory(Path.Join(_sys.Root, "/devices/platform/power")); // no uevent: not a device

        SysfsScan scan = SysfsDevices.Scan(_sys.Root);

        Assert.Empty(scan.Errors);
        Assert.Equal(["/devices/platform", "/devices/platform/serial8250/tty/ttyS0", "/devices/virtual/mem/null"], scan.Devices.Select(d => d.DevPath));
        Device nul = scan.Devices[2];
        Assert.Equal("mem", nul.Subsystem);
        Assert.Equal("null", nul.DevName);
        Assert.Equal("0666", nul.Get("DEVMODE"));
        Assert.Null(scan.Devices[0].Subsystem);
    }

    [Fact(Timeout = 30_000)]
    public async Task Symlinked_directories_are_not_followed_so_a_loop_is_not_a_hang()
    {
        _sys.Add("/devices/virtual/mem/null", "mem", "DEVNAME=null\n");
        Directory.CreateSymbolicLink(Path.Join(_sys.Root, "/devices/virtual/mem/null/device"), "..");

        SysfsScan scan = await Task.Run(() => SysfsDevices.Scan(_sys.Root));

        Assert.Single(scan.Devices);
    }

    [Fact]
    public void Trigger_writes_add_to_every_uevent_file()
    {
        _sys.Add("/devices/virtual/mem/null", "mem", "DEVNAME=null\n");
        _sys.Add("/devices/virtual/mem/zero", "mem", "DEVNAME=zero\n");

        int written = SysfsDevices.TriggerAdd(_sys.Root);

        Assert.Equal(2, written);
        Assert.Equal("add", File.ReadAllText(Path.Join(_sys.Root, "/devices/virtual/mem/zero/uevent")));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("block")]
    [InlineData("mem")]
    public async Task Coldplug_of_this_machine_finds_every_entry_of_its_sys_class_directory(string subsystem)
    {
        string classDir = Path.Combine("/sys/class", subsystem);
        string[] entries = [.. Directory.GetFileSystemEntries(classDir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.NotEmpty(entries);

        var table = new DeviceTable();
        foreach (Device device in (await Task.Run(() => SysfsDevices.Scan())).Devices)
        {
            table.Put(device);
        }

        foreach (string entry in entries)
        {
            // /sys/class/<subsystem>/<name> is a symlink to the device's directory under /sys/devices.
            string target = Path.GetFullPath(Path.Combine(classDir, new DirectoryInfo(Path.Combine(classDir, entry)).LinkTarget!));
            string devPath = target["/sys".Length..];
            Device? device = table.Get(devPath);
            Assert.True(device is not null, $"{classDir}/{entry} ({devPath}) is not in the table");
            Assert.Equal(subsystem, device.Subsystem);
            Assert.Equal(entry, device.DevName);
        }
        if (subsystem == "mem")
        {
            // The other way round too, where no other program adds devices meanwhile (loop devices come and go).
            Assert.Equal(entries, table.BySubsystem(subsystem).Select(d => d.DevName).Order(StringComparer.Ordinal));
        }
    }
}
