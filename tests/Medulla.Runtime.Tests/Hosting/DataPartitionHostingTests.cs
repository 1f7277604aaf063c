using Medulla.Firmware;
using Medulla.Linux;
using Medulla.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Runtime.Tests.Hosting;

public sealed class DataPartitionHostingTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-data-host");

    private static IHost Build(Dictionary<string, string?> settings, FirmwareSlots? slots = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (slots is not null)
        {
            builder.Services.AddSingleton(slots);
        }
        builder.Services.AddLogging();
        builder.Services.AddMedullaDataPartition();
        return builder.Build();
    }

    [Fact]
    public void The_host_mounts_the_configured_partition_at_start()
    {
        using var blank = new BlankPartition(_dir, "blank");
        string target = _dir.Combine("data");
        PrivateMounts.Run(() =>
        {
            using IHost host = Build(new()
            {
                ["Medulla:DataPartition:Device"] = blank.Device,
                ["Medulla:DataPartition:FileSystemType"] = "ext4",
                ["Medulla:DataPartition:Target"] = target,
            });

            host.StartAsync().GetAwaiter().GetResult();

            Assert.Equal(DataPartitionState.MountedReadWrite, new DataPartition(new DataPartitionSpec(blank.Device, "ext4", target)).GetStatus().State);
            host.StopAsync().GetAwaiter().GetResult();
        });
    }

    [Fact]
    public void Values_left_out_come_from_the_active_slots_metadata()
    {
        using var blank = new BlankPartition(_dir, "blank");
        string target = _dir.Combine("root");
        var slots = new FirmwareSlots(new KvStore(new MemoryKvBackend(new Dictionary<string, string>
        {
            [FirmwareKeys.Active] = "b",
            ["b.nerves_fw_application_part0_devpath"] = blank.Device,
            ["b.nerves_fw_application_part0_fstype"] = "ext4",
            ["b.nerves_fw_application_part0_target"] = target,
        })));
        PrivateMounts.Run(() =>
        {
            using IHost host = Build([], slots);

            host.StartAsync().GetAwaiter().GetResult();

            Assert.Equal(DataPartitionState.MountedReadWrite, new DataPartition(new DataPartitionSpec(blank.Device, "ext4", target)).GetStatus().State);
            host.StopAsync().GetAwaiter().GetResult();
        });
    }

    [Theory]
    [InlineData("Medulla:DataPartition:FileSystemType", "ntfs", "Medulla:DataPartition:FileSystemType: 'ntfs' is not allowed")]
    [InlineData("Medulla:DataPartition:Target", "/", "Medulla:DataPartition:Target: '/' is not allowed")]
    [InlineData("Medulla:DataPartition:Device", "sda1", "Medulla:DataPartition:Device: 'sda1' is not allowed")]
    [InlineData("Medulla:DataPartition:Required", "perhaps", "Medulla:DataPartition:Required")]
    public async Task A_bad_value_stops_the_host_naming_the_key(string key, string value, string expected)
    {
        using IHost host = Build(new() { [key] = value });

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_device_anywhere_a_required_partition_stops_the_host_and_an_optional_one_does_not()
    {
        using IHost required = Build(new() { ["Medulla:DataPartition:FileSystemType"] = "ext4" });
        var ex = await Assert.ThrowsAsync<DataPartitionException>(() => required.StartAsync());
        Assert.Contains("no data partition device", ex.Message, StringComparison.Ordinal);

        using IHost optional = Build(new() { ["Medulla:DataPartition:Required"] = "false", ["Medulla:DataPartition:Target"] = "/data" });
        await optional.StartAsync();
        await optional.StopAsync();
    }

    [Fact]
    public async Task Nothing_naming_a_data_partition_is_not_an_error_even_when_required()
    {
        using IHost host = Build([]);

        await host.StartAsync();
        await host.StopAsync();
    }

    public void Dispose() => _dir.Dispose();
}
