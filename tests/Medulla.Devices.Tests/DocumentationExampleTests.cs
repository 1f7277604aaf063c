using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Medulla.Devices.Tests;

/// <summary>The working example of docs/devices.md, run against this machine's kernel with a loop device of the test's own image.</summary>
public sealed class DocumentationExampleTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-devices-doc");

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 120_000)]
    public async Task The_working_example_lists_the_disks_and_prints_a_loop_devices_three_change_events()
    {
        var output = new List<string>();
        string image = _dir.File("disk.img");
        using (FileStream f = File.Create(image))
        {
            f.SetLength(4 << 20);
        }

        // As in docs/devices.md, with Console.WriteLine writing to `output` and the loop stopping after the device's three events.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMedullaDevices();
        using IHost host = builder.Build();
        await host.StartAsync();

        DeviceMonitor monitor = host.Services.GetRequiredService<DeviceMonitor>();
        foreach (Device disk in monitor.Table.BySubsystem("block"))
        {
            output.Add($"{disk.DevName} {disk.Get("DEVTYPE")} {disk.DevPath}");
        }

        var filter = new DeviceEventFilter();
        filter.Subsystems.Add("block");
        using DeviceSubscription disks = monitor.Subscribe(filter);

        string name;
        string diskSeq;
        using (LoopDevice loop = LoopDevice.Attach(image))
        {
            name = Path.GetFileName(loop.Path);
            diskSeq = File.ReadAllText($"/sys/block/{name}/diskseq").Trim();
        }
        var printed = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (DeviceEvent e in disks.Reader.ReadAllAsync(timeout.Token))
        {
            if (e.DevName == name && e.Get("DISKSEQ") == diskSeq)
            {
                printed.Add($"{e.Action.ToKernelName()} {e.DevName} DISKSEQ={e.Get("DISKSEQ")} {e.Get("DISK_MEDIA_CHANGE")}");
                if (printed.Count == 3)
                {
                    break;
                }
            }
        }
        await host.StopAsync();

        Assert.Contains($"{name} disk /devices/virtual/block/{name}", output);
        Assert.Equal([$"change {name} DISKSEQ={diskSeq} ", $"change {name} DISKSEQ={diskSeq} ", $"change {name} DISKSEQ={diskSeq} 1"], printed);
    }
}
