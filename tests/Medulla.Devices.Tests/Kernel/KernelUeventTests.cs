using Medulla.Linux;

namespace Medulla.Devices.Tests.Kernel;

/// <summary>
/// Against this machine's kernel (root): events caused by the test arrive through the netlink listener
/// with the properties the kernel really sends. Other programs cause events too, so each test picks out
/// the device it touched; events are awaited with a generous timeout, never slept for.
/// </summary>
public sealed class KernelUeventTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new("medulla-devices-kernel");

    public void Dispose() => _dir.Dispose();

    private static async Task<DeviceEvent> Next(DeviceSubscription subscription, Func<DeviceEvent, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            DeviceEvent e = await subscription.Reader.ReadAsync(timeout.Token);
            if (wanted(e))
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task Writing_add_to_the_null_devices_uevent_file_arrives_as_an_add_event()
    {
        await using var monitor = new DeviceMonitor(new DevicesOptions { Coldplug = false });
        monitor.Start();
        var filter = new DeviceEventFilter();
        filter.Properties["DEVPATH"] = "/devices/virtual/mem/null";
        using DeviceSubscription subscription = monitor.Subscribe(filter);

        await File.WriteAllTextAsync("/sys/class/mem/null/uevent", "add");

        DeviceEvent e = await Next(subscription, e => e.Action == DeviceAction.Add);
        Assert.Equal(DeviceEventSource.Kernel, e.Source);
        Assert.Equal("/devices/virtual/mem/null", e.DevPath);
        Assert.Equal("mem", e.Subsystem);
        Assert.Equal("null", e.DevName);
        Assert.Equal("1", e.Get("MAJOR"));
        Assert.Equal("3", e.Get("MINOR"));
        Assert.NotNull(e.SequenceNumber);
        Assert.Equal("1", monitor.Table.ByDevName("null")!.Get("MAJOR"));
        Assert.True(monitor.IsListening);
    }

    [Fact]
    public async Task Attaching_and_detaching_a_loop_device_arrive_as_its_change_events()
    {
        await using var monitor = new DeviceMonitor(new DevicesOptions { Coldplug = false });
        monitor.Start();
        var filter = new DeviceEventFilter();
        filter.Subsystems.Add("block");
        filter.Actions.Add(DeviceAction.Change);
        using DeviceSubscription subscription = monitor.Subscribe(filter);
        string image = _dir.File("disk.img");
        using (FileStream f = File.Create(image))
        {
            f.SetLength(4 << 20);
        }

        string name;
        string diskSeq;
        DeviceEvent attached;
        using (LoopDevice loop = LoopDevice.Attach(image))
        {
            name = Path.GetFileName(loop.Path);
            // The attach gives the disk a new sequence number; the kernel puts it in the events (DISKSEQ),
            // which tells this attachment's events from another program's use of the same loop device.
            diskSeq = File.ReadAllText($"/sys/block/{name}/diskseq").Trim();
            attached = await Next(subscription, e => e.DevName == name && e.Get("DISKSEQ") == diskSeq);
        }
        DeviceEvent detached = await Next(subscription, e => e.DevName == name && e.Get("DISKSEQ") == diskSeq);
        DeviceEvent mediaChanged = await Next(subscription, e => e.DevName == name && e.Get("DISKSEQ") == diskSeq);

        foreach (DeviceEvent e in new[] { attached, detached, mediaChanged })
        {
            Assert.Equal(DeviceAction.Change, e.Action);
            Assert.Equal($"/devices/virtual/block/{name}", e.DevPath);
            Assert.Equal("block", e.Subsystem);
            Assert.Equal("disk", e.Get("DEVTYPE"));

            Assert.Equal(File.ReadAllText($"/sys/class/block/{name}/dev").Trim(), $"{e.Get("MAJOR")}:{e.Get("MINOR")}");
        }
        Assert.Null(attached.Get("DISK_MEDIA_CHANGE"));
        Assert.Null(detached.Get("DISK_MEDIA_CHANGE"));
        Assert.Equal("1", mediaChanged.Get("DISK_MEDIA_CHANGE"));
        Assert.True(attached.SequenceNumber < detached.SequenceNumber && detached.SequenceNumber < mediaChanged.SequenceNumber);
    }

    [Fact]
    public void The_socket_gets_the_forced_one_MiB_receive_buffer()
    {
        using NetlinkUeventSocket socket = NetlinkUeventSocket.Open(NetlinkUeventSocket.KernelGroup, 1 << 20);

        Assert.True(socket.ReceiveBufferForced);
        // The kernel reports twice the value set: half of it is for its own bookkeeping (socket(7)).
        Assert.Equal(2 << 20, socket.ReceiveBufferBytes);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_socket_that_is_not_read_overflows_and_reports_ENOBUFS()
    {
        await Task.Run(() =>
        {
            using NetlinkUeventSocket socket = NetlinkUeventSocket.Open(NetlinkUeventSocket.KernelGroup, 4096);
            for (int i = 0; i < 200; i++)
            {
                File.WriteAllText("/sys/class/mem/null/uevent", "change");
            }

            byte[] buffer = new byte[16 * 1024];
            bool overflowed = false;
            for (int i = 0; i < 200 && !overflowed; i++)
            {
                overflowed = socket.Receive(buffer).Status == NetlinkReceiveStatus.Overflow;
            }

            Assert.True(overflowed);
        });
    }

    [Fact(Timeout = 120_000)]
    public async Task A_real_overflow_is_counted_and_followed_by_a_rescan_that_keeps_the_table_right()
    {
        await Task.Run(async () =>
        {
            // Coldplug without the listener thread: this test receives itself, from a socket with a tiny buffer that it lets overflow.
            await using var monitor = new DeviceMonitor(new DevicesOptions { Listen = false });
            monitor.Start();
            int before = monitor.Table.Count;
            using NetlinkUeventSocket socket = NetlinkUeventSocket.Open(NetlinkUeventSocket.KernelGroup, 4096);
            for (int i = 0; i < 200; i++)
            {
                File.WriteAllText("/sys/class/mem/null/uevent", "change");
            }

            byte[] buffer = new byte[DeviceMonitor.DatagramBufferBytes];
            for (int i = 0; i < 200 && monitor.Statistics.Overflows == 0; i++)
            {
                monitor.ReceiveOne(socket, buffer);
            }

            Assert.Equal(1, monitor.Statistics.Overflows);
            Assert.Equal(1, monitor.Statistics.Rescans);
            Assert.Equal("null", monitor.Table.Get("/devices/virtual/mem/null")!.DevName);
            Assert.InRange(monitor.Table.Count, before - 50, before + 50); // other programs may add or remove a few devices meanwhile
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task Wake_ends_a_blocked_receive()
    {
        using NetlinkUeventSocket socket = NetlinkUeventSocket.Open(NetlinkUeventSocket.KernelGroup, 1 << 20);
        Task<NetlinkReceiveStatus> receiving = Task.Factory.StartNew(() =>
        {
            byte[] buffer = new byte[16 * 1024];
            NetlinkReceiveStatus status;
            do
            {
                status = socket.Receive(buffer).Status;
            }
            while (status != NetlinkReceiveStatus.Woken);
            return status;
        }, TaskCreationOptions.LongRunning);

        socket.Wake();

        Assert.Equal(NetlinkReceiveStatus.Woken, await receiving);
    }
}
