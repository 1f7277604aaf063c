using System.Threading.Channels;
using Medulla.Devices.Tests.Support;

namespace Medulla.Devices.Tests.Monitor;

/// <summary>The monitor's handling of received datagrams, subscriptions and rescans, fed without a socket.</summary>
public sealed class DeviceMonitorTests : IDisposable
{
    private readonly FakeSysfs _sys = new();

    public void Dispose() => _sys.Dispose();

    private DeviceMonitor Offline(Action<DevicesOptions>? configure = null)
    {
        var options = new DevicesOptions { Listen = false, Coldplug = false, SysfsPath = _sys.Root };
        configure?.Invoke(options);
        return new DeviceMonitor(options);
    }

    private static DeviceEvent[] Drain(DeviceSubscription subscription)
    {
        var events = new List<DeviceEvent>();
        while (subscription.Reader.TryRead(out DeviceEvent? e))
        {
            events.Add(e);
        }
        return [.. events];
    }

    [Fact]
    public async Task A_kernel_uevent_updates_the_table_and_reaches_a_subscriber()
    {
        await using DeviceMonitor monitor = Offline();
        using DeviceSubscription all = monitor.Subscribe();

        monitor.Dispatch(Fixture.Bytes("null-add.bin"), senderPortId: 0, truncated: false);

        DeviceEvent e = Assert.Single(Drain(all));
        Assert.Equal("/devices/virtual/mem/null", e.DevPath);
        Assert.NotNull(monitor.Table.ByDevName("null"));
        Assert.Equal(1, monitor.Statistics.Received);
    }

    [Fact]
    public async Task A_datagram_from_a_process_instead_of_the_kernel_is_ignored_and_counted()
    {
        await using DeviceMonitor monitor = Offline();
        using DeviceSubscription all = monitor.Subscribe();

        monitor.Dispatch(Fixture.Bytes("null-add.bin"), senderPortId: 4242, truncated: false);

        Assert.Empty(Drain(all));
        Assert.Equal(0, monitor.Table.Count);
        Assert.Equal(1, monitor.Statistics.NotFromKernel);
    }

    [Fact]
    public async Task Filters_select_by_action_subsystem_and_properties()
    {
        await using DeviceMonitor monitor = Offline();
        var blockChanges = new DeviceEventFilter();
        blockChanges.Actions.Add(DeviceAction.Change);
        blockChanges.Subsystems.Add("block");
        var mediaChanges = new DeviceEventFilter();
        mediaChanges.Properties["DISK_MEDIA_CHANGE"] = "1";
        var adds = new DeviceEventFilter();
        adds.Actions.Add(DeviceAction.Add);
        using DeviceSubscription block = monitor.Subscribe(blockChanges);
        using DeviceSubscription media = monitor.Subscribe(mediaChanges);
        using DeviceSubscription added = monitor.Subscribe(adds);

        foreach (string name in Fixture.Names)
        {
            monitor.Dispatch(Fixture.Bytes(name), 0, false);
        }

        Assert.Equal([975UL, 976UL, 977UL], Drain(block).Select(e => e.SequenceNumber!.Value));
        Assert.Equal([977UL], Drain(media).Select(e => e.SequenceNumber!.Value));
        Assert.Equal(["/devices/virtual/mem/null"], Drain(added).Select(e => e.DevPath));
    }

    [Fact]
    public async Task A_slow_subscriber_loses_only_its_own_events_counted_and_never_holds_up_the_others()
    {
        await using DeviceMonitor monitor = Offline();
        using DeviceSubscription slow = monitor.Subscribe(capacity: 2);
        using DeviceSubscription fast = monitor.Subscribe(capacity: 100);

        for (int i = 0; i < 5; i++)
        {
            monitor.Dispatch(Fixture.Uevent("change", "/devices/virtual/mem/null", "SUBSYSTEM=mem", $"SEQNUM={i}"), 0, false);
        }

        Assert.Equal([0UL, 1UL], Drain(slow).Select(e => e.SequenceNumber!.Value));
        Assert.Equal(3, slow.Dropped);
        Assert.Equal(2, slow.QueuePeak);
        Assert.Equal(5, Drain(fast).Length);
        Assert.Equal(0, fast.Dropped);
        Assert.Equal(3, monitor.Statistics.Dropped);
    }

    [Fact]
    public async Task An_overflow_is_counted_and_the_rescan_publishes_what_changed_in_sysfs()
    {
        _sys.Add("/devices/virtual/mem/null", "mem", "DEVNAME=null\n");
        _sys.Add("/devices/virtual/block/loop0", "block", "DEVNAME=loop0\nDEVTYPE=disk\n");
        await using DeviceMonitor monitor = Offline(o => o.Coldplug = true);
        monitor.Start();
        using DeviceSubscription all = monitor.Subscribe();
        _sys.Remove("/devices/virtual/block/loop0");
        _sys.Add("/devices/virtual/block/loop1", "block", "DEVNAME=loop1\nDEVTYPE=disk\n");
        _sys.Add("/devices/virtual/mem/null", "mem", "DEVNAME=null\nDEVMODE=0666\n");

        monitor.Overflowed();

        Assert.Equal(["remove /devices/virtual/block/loop0", "add /devices/virtual/block/loop1", "change /devices/virtual/mem/null"],
            Drain(all).Select(e => $"{e.Action.ToKernelName()} {e.DevPath}"));
        Assert.Equal((1, 1), (monitor.Statistics.Overflows, monitor.Statistics.Rescans));
        Assert.Equal(["loop1", "null"], monitor.Table.Snapshot().Select(d => d.DevName));
    }

    [Fact]
    public async Task Disposing_completes_every_subscription()
    {
        DeviceMonitor monitor = Offline();
        DeviceSubscription all = monitor.Subscribe();

        await monitor.DisposeAsync();

        await all.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_added_device_with_a_MODALIAS_is_given_to_modprobe_when_autoload_is_on()
    {
        using var modprobe = new FakeModprobe();
        await using DeviceMonitor monitor = Offline(o => { o.ModuleAutoload = true; o.ModprobePath = modprobe.Path; });
        monitor.Start();
        var runs = Channel.CreateUnbounded<ModprobeRun>();
        monitor.Autoloader!.RunFinished += r => runs.Writer.TryWrite(r);

        monitor.Dispatch(Fixture.Uevent("add", "/devices/pci0000:00/0000:00:05.0", "SUBSYSTEM=pci", "MODALIAS=pci:v00001AF4d00001005", "SEQNUM=1"), 0, false);

        ModprobeRun run = await runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["pci:v00001AF4d00001005"], run.Aliases);
        Assert.Equal([["-q", "-a", "pci:v00001AF4d00001005"]], modprobe.Runs());
    }

    [Fact]
    public async Task Autoload_is_off_by_default()
    {
        await using DeviceMonitor monitor = Offline();
        monitor.Start();

        Assert.Null(monitor.Autoloader);
    }
}
