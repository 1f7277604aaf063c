using Medulla.Firmware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Medulla.Runtime.Tests.Hosting;

public class AssistedValidationHostingTests
{
    private static FirmwareSlots Unvalidated() => new(new KvStore(new MemoryKvBackend(new Dictionary<string, string>
    {
        [FirmwareKeys.Active] = "b",
        [FirmwareKeys.Validated] = "0",
        [FirmwareKeys.UpgradeAvailable] = "1",
        [FirmwareKeys.BootCount] = "1",
    })));

    private static IHost Build(FirmwareSlots slots, Func<bool> healthy, Dictionary<string, string?>? settings = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings ?? new() { ["Medulla:Validation:Timeout"] = "2s", ["Medulla:Validation:CheckInterval"] = "100ms" });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(slots);
        builder.Services.AddHealthChecks()
            .AddCheck("app", () => healthy() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not yet"), tags: [AssistedValidationOptions.DefaultHealthCheckTag])
            .AddCheck("unrelated", () => HealthCheckResult.Unhealthy("never"));
        builder.Services.AddMedullaAssistedValidation();
        return builder.Build();
    }

    [Fact]
    public async Task A_started_host_whose_tagged_checks_pass_validates_the_firmware()
    {
        FirmwareSlots slots = Unvalidated();
        int calls = 0;
        using IHost host = Build(slots, () => Interlocked.Increment(ref calls) >= 3);
        var service = host.Services.GetRequiredService<AssistedValidationHostedService>();

        await host.StartAsync();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AssistedValidationState.Validated, service.State);
        Assert.Equal(FirmwareValidation.Validated, slots.Validation);
        Assert.True(calls >= 3);
        await host.StopAsync();
    }

    [Fact]
    public async Task Checks_that_do_not_pass_in_time_leave_the_firmware_unvalidated_and_without_a_power_path_stop_the_app()
    {
        FirmwareSlots slots = Unvalidated();
        using IHost host = Build(slots, () => false);
        var service = host.Services.GetRequiredService<AssistedValidationHostedService>();

        await host.StartAsync();
        await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AssistedValidationState.TimedOut, service.State);
        Assert.Equal(FirmwareValidation.Unvalidated, slots.Validation);
        Assert.Equal("1", slots.Kv.Get(FirmwareKeys.UpgradeAvailable));
    }

    [Theory]
    [InlineData("Medulla:Validation:Timeout", "0s", "Medulla:Validation:Timeout: '0s' is not allowed")]
    [InlineData("Medulla:Validation:CheckInterval", "10m", "Medulla:Validation:CheckInterval: '10m' is longer than Timeout '5m'")]
    [InlineData("Medulla:Validation:HealthCheckTag", " ", "Medulla:Validation:HealthCheckTag is empty")]
    [InlineData("Medulla:Validation:Enabled", "sometimes", "Medulla:Validation")]
    public async Task A_bad_value_stops_the_host_naming_the_key(string key, string value, string expected)
    {
        using IHost host = Build(Unvalidated(), () => true, new() { [key] = value });

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
