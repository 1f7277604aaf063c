using Medulla.Devices.Tests.Support;

namespace Medulla.Devices.Tests.Table;

/// <summary>The device table: events applied, indexes, relations and reconciliation with a rescan.</summary>
public sealed class DeviceTableTests
{
    private static DeviceEvent Event(string action, string devPath, params string[] fields) =>
        UeventParser.Parse(Fixture.Uevent(action, devPath, [.. fields, "SEQNUM=1"])).Event!;

    private static Device Dev(string devPath, string? subsystem, params (string Key, string Value)[] properties) =>
        new(devPath, subsystem, properties.ToDictionary(p => p.Key, p => p.Value));

    [Fact]
    public void An_add_stores_the_device_under_its_devpath_subsystem_and_devname()
    {
        var table = new DeviceTable();

        table.Apply(UeventParser.Parse(Fixture.Bytes("null-add.bin")).Event!);

        Device device = Assert.Single(table.Snapshot());
        Assert.Same(device, table.Get("/devices/virtual/mem/null"));
        Assert.Same(device, Assert.Single(table.BySubsystem("mem")));
        Assert.Same(device, table.ByDevName("null"));
        Assert.Same(device, table.ByDevName("/dev/null"));
        Assert.Equal("mem", device.Subsystem);
        Assert.Equal("1", device.Get("MAJOR"));
        Assert.False(device.Properties.ContainsKey("ACTION"));
        Assert.False(device.Properties.ContainsKey("SEQNUM"));
    }

    [Fact]
    public void A_change_replaces_the_properties()
    {
        var table = new DeviceTable();
        table.Apply(UeventParser.Parse(Fixture.Bytes("loop0-attach-change.bin")).Event!);

        table.Apply(UeventParser.Parse(Fixture.Bytes("loop0-detach-media-change.bin")).Event!);

        Assert.Equal("1", table.ByDevName("loop0")!.Get("DISK_MEDIA_CHANGE"));
    }

    [Fact]
    public void A_remove_deletes_the_device_from_every_index()
    {
        var table = new DeviceTable();
        table.Apply(Event("add", "/devices/virtual/mem/null", "SUBSYSTEM=mem", "DEVNAME=null"));

        table.Apply(Event("remove", "/devices/virtual/mem/null", "SUBSYSTEM=mem", "DEVNAME=null"));

        Assert.Equal(0, table.Count);
        Assert.Empty(table.BySubsystem("mem"));
        Assert.Null(table.ByDevName("null"));
    }

    [Fact]
    public void Bind_sets_the_driver_and_unbind_drops_it()
    {
        var table = new DeviceTable();
        table.Apply(Event("add", "/devices/pci0000:00/0000:00:02.0", "SUBSYSTEM=pci"));

        table.Apply(Event("bind", "/devices/pci0000:00/0000:00:02.0", "SUBSYSTEM=pci", "DRIVER=virtio-pci"));
        Assert.Equal("virtio-pci", table.Get("/devices/pci0000:00/0000:00:02.0")!.Driver);

        table.Apply(Event("unbind", "/devices/pci0000:00/0000:00:02.0", "SUBSYSTEM=pci", "DRIVER=virtio-pci"));
        Assert.Null(table.Get("/devices/pci0000:00/0000:00:02.0")!.Driver);
    }

    [Fact]
    public void A_move_rekeys_the_device_and_everything_below_it()
    {
        var table = new DeviceTable();
        table.Apply(Event("add", "/devices/virtual/net/eth0", "SUBSYSTEM=net", "INTERFACE=eth0"));
        table.Apply(Event("add", "/devices/virtual/net/eth0/queues/rx-0", "SUBSYSTEM=queues"));

        table.Apply(Event("move", "/devices/virtual/net/lan0", "SUBSYSTEM=net", "INTERFACE=lan0", "DEVPATH_OLD=/devices/virtual/net/eth0"));

        Assert.Equal(["/devices/virtual/net/lan0", "/devices/virtual/net/lan0/queues/rx-0"], table.Snapshot().Select(d => d.DevPath));
        Assert.Equal("lan0", table.Get("/devices/virtual/net/lan0")!.Get("INTERFACE"));
        Assert.Equal("/devices/virtual/net/lan0", table.ParentOf("/devices/virtual/net/lan0/queues/rx-0")!.DevPath);
    }

    [Fact]
    public void Parents_and_children_follow_the_devpath_skipping_directories_that_are_not_devices()
    {
        var table = new DeviceTable();
        table.Put(Dev("/devices/pci0000:00", null));
        table.Put(Dev("/devices/pci0000:00/0000:00:04.0", "pci"));
        table.Put(Dev("/devices/pci0000:00/0000:00:04.0/virtio1", "virtio"));
        table.Put(Dev("/devices/pci0000:00/0000:00:04.0/virtio1/block/vda", "block", ("DEVNAME", "vda")));
        table.Put(Dev("/devices/pci0000:00/0000:00:04.0/virtio1/block/vda/vda1", "block", ("DEVNAME", "vda1")));

        Assert.Equal(["/devices/pci0000:00/0000:00:04.0/virtio1/block/vda"], table.ChildrenOf("/devices/pci0000:00/0000:00:04.0/virtio1").Select(d => d.DevPath));
        Assert.Equal("/devices/pci0000:00/0000:00:04.0/virtio1", table.ParentOf("/devices/pci0000:00/0000:00:04.0/virtio1/block/vda")!.DevPath);
        Assert.Null(table.ParentOf("/devices/pci0000:00"));
        Assert.Equal(["/devices/pci0000:00/0000:00:04.0/virtio1/block/vda/vda1"], table.WithProperty("DEVNAME", "vda1").Select(d => d.DevPath));
    }

    [Fact]
    public void Reconcile_reports_removals_additions_and_changes_and_leaves_equal_devices_alone()
    {
        var table = new DeviceTable();
        table.Put(Dev("/devices/a", "x", ("K", "1")));
        table.Put(Dev("/devices/b", "x", ("K", "1")));
        table.Put(Dev("/devices/c", "x", ("K", "1")));

        IReadOnlyList<DeviceEvent> changes = table.Reconcile([Dev("/devices/a", "x", ("K", "1")), Dev("/devices/b", "x", ("K", "2")), Dev("/devices/d", "y")]);

        Assert.Equal(["remove /devices/c", "change /devices/b", "add /devices/d"], changes.Select(c => $"{c.Action.ToKernelName()} {c.DevPath}"));
        Assert.All(changes, c => Assert.Equal(DeviceEventSource.Rescan, c.Source));
        Assert.Equal("2", table.Get("/devices/b")!.Get("K"));
        Assert.Equal("y", changes[2].Subsystem);
        Assert.Equal(["/devices/a", "/devices/b", "/devices/d"], table.Snapshot().Select(d => d.DevPath));
    }

    [Fact(Timeout = 60_000)]
    public async Task Readers_see_consistent_snapshots_while_a_writer_applies_events()
    {
        var table = new DeviceTable();
        using var done = new CancellationTokenSource();
        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < 5000; i++)
            {
                string path = $"/devices/virtual/block/loop{i % 50}";
                table.Apply(Event(i % 2 == 0 ? "add" : "remove", path, "SUBSYSTEM=block", $"DEVNAME=loop{i % 50}"));
            }
            done.Cancel();
        });
        await Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (Device device in table.BySubsystem("block"))
                {
                    Assert.Equal("block", device.Subsystem);
                }
                _ = table.Snapshot();
            }
        });
        await writer;
    }
}
