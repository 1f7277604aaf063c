using Medulla.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Runtime.Tests.Hosting;

public class OptionsTests
{
    [Fact]
    public void Power_options_are_read_from_Medulla_Power()
    {
        PowerOptions options = PowerOptions.FromConfiguration(Section(PowerOptions.SectionPath,
            ("StopTimeout", "2s"), ("HardTimeout", "1m"), ("RebootParamPath", "/tmp/p"), ("UseHeart", "false")));

        Assert.Equal(TimeSpan.FromSeconds(2), options.StopTimeoutValue());
        Assert.Equal(TimeSpan.FromMinutes(1), options.HardTimeoutValue());
        Assert.Equal("/tmp/p", options.RebootParamPath);
        Assert.False(options.UseHeart);
    }

    [Theory]
    [InlineData("StopTimeout", "soon", "Medulla:Power:StopTimeout: 'soon' is not allowed")]
    [InlineData("StopTimeout", "11m", "Medulla:Power:StopTimeout: '11m' is not allowed")]
    [InlineData("HardTimeout", "0", "Medulla:Power:HardTimeout: '0' is not allowed")]
    [InlineData("RebootParamPath", "", "Medulla:Power:RebootParamPath is empty")]
    [InlineData("SystemctlPath", "", "Medulla:Power:SystemctlPath is empty")]
    [InlineData("UseHeart", "maybe", "Medulla:Power")]
    public void A_bad_power_value_is_one_error_naming_the_key(string key, string value, string expected)
    {
        var ex = Assert.Throws<RuntimeConfigurationException>(() => PowerOptions.FromConfiguration(Section(PowerOptions.SectionPath, (key, value))));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("Sources", "kv, usb", "Medulla:Serial:Sources: 'usb' is not a source; expected a comma-separated list of kv, device-tree, dmi, machine-id")]
    [InlineData("Sources", "kv, kv", "Medulla:Serial:Sources: 'kv' is listed twice")]
    [InlineData("Sources", " , ", "Medulla:Serial:Sources is empty")]
    [InlineData("KvKey", " ", "Medulla:Serial:KvKey is empty")]
    [InlineData("RootPath", "", "Medulla:Serial:RootPath is empty")]
    public void A_bad_serial_value_is_one_error_naming_the_key(string key, string value, string expected)
    {
        var ex = Assert.Throws<RuntimeConfigurationException>(() => SerialOptions.FromConfiguration(Section(SerialOptions.SectionPath, (key, value))));
        Assert.Equal(expected, ex.Message[..Math.Min(ex.Message.Length, expected.Length)]);
    }

    [Fact]
    public async Task A_host_with_a_bad_power_value_does_not_start()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Medulla:Power:HardTimeout", "forever")]);
        builder.Services.AddMedullaPower();
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(["Medulla:Power:HardTimeout: 'forever' is not allowed; expected a duration from 1s to 1h, written e.g. 500ms, 5s, 2m, 1h or 00:00:05; a bare number counts seconds"], ex.Failures);
    }

    [Fact]
    public async Task A_host_with_a_bad_serial_value_does_not_start()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Medulla:Serial:Sources", "eeprom")]);
        builder.Services.AddMedullaSerial();
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Single(ex.Failures);
        Assert.StartsWith("Medulla:Serial:Sources: 'eeprom' is not a source", ex.Failures.Single());
    }

    [Fact]
    public void The_serial_number_in_a_host_reads_the_configured_root_and_the_code_settings_win()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.Combine("etc"));
        File.WriteAllText(root.Combine("etc", "machine-id"), "m-1\n");
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            KeyValuePair.Create<string, string?>("Medulla:Serial:RootPath", root.Path),
            KeyValuePair.Create<string, string?>("Medulla:Serial:Sources", "kv"),
        ]);
        builder.Services.AddMedullaSerial(o => o.Sources = "dmi, machine-id");
        using IHost host = builder.Build();

        Assert.Equal("m-1", host.Services.GetRequiredService<SerialNumber>().Read());
    }

    private static IConfigurationSection Section(string path, params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>($"{path}:{v.Key}", v.Value)))
            .Build()
            .GetSection(path);
}
