using Medulla.Firmware;
using Medulla.Firmware.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Firmware.Tests.Hosting;

public sealed class AddMedullaFirmwareTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null, Action<FirmwareOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        before?.Invoke(services);
        services.AddMedullaFirmware(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_memory_backend_is_seeded_from_Medulla_Firmware_Values()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Medulla:Firmware:Backend"] = "memory",
            ["Medulla:Firmware:Values:nerves_fw_active"] = "a",
            ["Medulla:Firmware:Values:a:nerves_fw_version"] = "2.0.0",
            ["Medulla:Firmware:Values:upgrade_available"] = "1",
        });

        FirmwareSlots slots = provider.GetRequiredService<FirmwareSlots>();

        Assert.IsType<MemoryKvBackend>(provider.GetRequiredService<IKvBackend>());
        Assert.Equal("2.0.0", slots.GetSlot("a").Version);
        Assert.Equal(FirmwareValidation.Unvalidated, slots.Validation);
        slots.ValidateFirmware();
        Assert.Equal(FirmwareValidation.Validated, provider.GetRequiredService<FirmwareSlots>().Validation);
    }

    [Fact]
    public void The_default_backend_is_the_U_Boot_environment_of_the_configured_fw_env_config()
    {
        var image = new EnvImage(_dir, "env", EnvLayout.SingleCopy, 0x400);
        File.WriteAllBytes(image.ImagePath, new byte[0x400]);
        image.Environment().Replace([new("nerves_serial_number", "X1")]);
        using ServiceProvider provider = Build(new()
        {
            ["Medulla:Firmware:ConfigPath"] = image.ConfigPath,
            ["Medulla:Firmware:LockPath"] = "",
        });

        Assert.IsType<UBootEnvBackend>(provider.GetRequiredService<IKvBackend>());
        Assert.Equal("X1", provider.GetRequiredService<FirmwareSlots>().SerialNumber);
    }

    [Fact]
    public void An_unknown_backend_is_refused_naming_the_key_and_the_allowed_values()
    {
        using ServiceProvider provider = Build(new() { ["Medulla:Firmware:Backend"] = "flash" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<KvStore>());

        Assert.Equal("Medulla:Firmware:Backend is 'flash'; allowed values: uboot, memory", error.Message);
    }

    [Fact]
    public async Task A_bad_value_stops_the_host_at_start_with_one_message_naming_the_key_and_the_value()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Medulla:Firmware:Backend"] = "flash" });
        builder.Services.AddMedullaFirmware();
        using IHost host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Medulla:Firmware:Backend is 'flash'; allowed values: uboot, memory", error.Message);
    }

    [Fact]
    public void An_application_backend_registered_first_is_kept()
    {
        var mine = new MemoryKvBackend([new("mine", "yes")]);
        using ServiceProvider provider = Build(new(), services => services.AddSingleton<IKvBackend>(mine));

        Assert.Equal("yes", provider.GetRequiredService<KvStore>().Get("mine"));
    }

    [Fact]
    public void Code_configuration_applies_after_the_section()
    {
        using ServiceProvider provider = Build(new() { ["Medulla:Firmware:Backend"] = "uboot" }, configure: o =>
        {
            o.Backend = FirmwareOptions.MemoryBackend;
            o.Values["nerves_fw_active"] = "b";
        });

        Assert.Equal("b", provider.GetRequiredService<KvStore>().ActiveSlot);
    }
}
