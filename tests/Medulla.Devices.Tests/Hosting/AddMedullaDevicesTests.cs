using Medulla.Devices.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Devices.Tests.Hosting;

/// <summary>The hosted service and its <c>Medulla:Devices</c> configuration.</summary>
public sealed class AddMedullaDevicesTests : IDisposable
{
    private readonly FakeSysfs _sys = new();

    public void Dispose() => _sys.Dispose();

    private static IHost Build(Dictionary<string, string?> settings, Action<DevicesOptions>? configure = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMedullaDevices(configure);
        return builder.Build();
    }

    [Fact]
    public void The_defaults_listen_and_coldplug_with_a_one_MiB_buffer_and_no_autoload()
    {
        var options = new DevicesOptions();

        Assert.True(options.Enabled && options.Listen && options.Coldplug);
        Assert.False(options.TriggerColdplug);
        Assert.False(options.ModuleAutoload);
        Assert.Equal(1 << 20, options.ReceiveBufferBytes());
        Assert.Equal("/sys", options.SysfsPath);
    }

    [Fact]
    public async Task The_host_starts_the_monitor_with_the_section_coldplugged_into_the_table()
    {
        _sys.Add("/devices/virtual/mem/null", "mem", "MAJOR=1\nMINOR=3\nDEVNAME=null\n");
        using IHost host = Build(new() { ["Medulla:Devices:SysfsPath"] = _sys.Root, ["Medulla:Devices:Listen"] = "false" });

        await host.StartAsync();
        DeviceTable table = host.Services.GetRequiredService<DeviceTable>();
        DeviceMonitor monitor = host.Services.GetRequiredService<DeviceMonitor>();

        Assert.Same(monitor.Table, table);
        Assert.Equal("mem", table.ByDevName("null")!.Subsystem);
        Assert.False(monitor.IsListening);
        await host.StopAsync();
    }

    [Fact]
    public async Task Enabled_false_leaves_the_monitor_stopped()
    {
        _sys.Add("/devices/virtual/mem/null", "mem", "DEVNAME=null\n");
        using IHost host = Build(new() { ["Medulla:Devices:Enabled"] = "false", ["Medulla:Devices:SysfsPath"] = _sys.Root });

        await host.StartAsync();

        Assert.Equal(0, host.Services.GetRequiredService<DeviceTable>().Count);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("ReceiveBufferSize", "lots", "Medulla:Devices:ReceiveBufferSize: 'lots' is not a size; expected e.g. 1MiB, 4KiB to 1GiB")]
    [InlineData("ReceiveBufferSize", "2GiB", "Medulla:Devices:ReceiveBufferSize: '2GiB' is out of range; expected 4KiB to 1GiB")]
    [InlineData("SubscriberCapacity", "0", "Medulla:Devices:SubscriberCapacity is 0; expected 1..1000000")]
    [InlineData("ModprobeBatchSize", "5000", "Medulla:Devices:ModprobeBatchSize is 5000; expected 1..4096")]
    [InlineData("ModprobePath", "", "Medulla:Devices:ModprobePath is empty; give the modprobe program's path or name")]
    [InlineData("SysfsPath", "", "Medulla:Devices:SysfsPath is empty; give where sysfs is mounted (/sys)")]
    public async Task A_bad_value_stops_the_host_at_start_naming_the_key(string key, string value, string message)
    {
        using IHost host = Build(new() { [$"Medulla:Devices:{key}"] = value, ["Medulla:Devices:Enabled"] = "false" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_the_key()
    {
        IConfiguration section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Medulla:Devices:SubscriberCapacity"] = "many" }).Build().GetSection(DevicesOptions.SectionPath);

        var error = Assert.Throws<DevicesConfigurationException>(() => DevicesOptions.FromConfiguration(section));

        Assert.Contains("Medulla:Devices:SubscriberCapacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_configuration_applies_after_the_section()
    {
        using IHost host = Build(new() { ["Medulla:Devices:SubscriberCapacity"] = "10" }, o => o.SubscriberCapacity = 20);

        Assert.Equal(20, host.Services.GetRequiredService<IOptions<DevicesOptions>>().Value.SubscriberCapacity);
    }
}
