using Medulla.Heart;
using Medulla.Heart.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Heart.Tests.Hosting;

/// <summary>AddMedullaHeart in a real host, with the daemon in its own PID namespace.</summary>
public class HeartHostedServiceTests
{
    private static IHost BuildHost(TempDirectory dir, Dictionary<string, string?> configuration, Func<bool>? healthy = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddLogging();
        if (healthy is not null)
        {
            builder.Services.AddHealthChecks().AddCheck("toggle", () => healthy() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"), [HeartHealthGateOptions.Tag]);
        }
        builder.Services.AddMedullaHeart(options => ClientDaemon.Options(dir, options));
        return builder.Build();
    }

    [Fact]
    public async Task The_host_starts_the_heart_beats_it_from_configuration_and_a_graceful_stop_shuts_it_down()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        using IHost host = BuildHost(dir, new()
        {
            ["Medulla:Heart:HeartbeatTimeout"] = "11",
            ["Medulla:Heart:BeatInterval"] = "100ms",
            ["Medulla:Heart:WatchdogPath"] = watchdog.Path,
        }, healthy: () => true);
        var service = host.Services.GetRequiredService<HeartHostedService>();

        await host.StartAsync();
        HeartClient client = service.Client!;
        await watchdog.WaitForPetsAsync(6, HeartProcess.Prompt);
        HeartStatus? status = await service.TryGetStatusAsync();
        await host.StopAsync();

        Assert.Equal(TimeSpan.FromSeconds(11), status!.HeartbeatTimeout);
        Assert.False(service.IsWithholdingBeats);
        Assert.Equal(0, client.ExitCode);
        Assert.Null(service.Client);
        Assert.Null(await service.TryGetStatusAsync());
    }

    [Fact]
    public async Task While_a_health_check_is_Unhealthy_no_beat_is_sent_and_the_heart_reboots()
    {
        using var dir = new TempDirectory();
        bool healthy = true;
        using IHost host = BuildHost(dir, new()
        {
            ["Medulla:Heart:HeartbeatTimeout"] = "11",
            ["Medulla:Heart:BeatInterval"] = "200ms",
        }, healthy: () => healthy);
        var service = host.Services.GetRequiredService<HeartHostedService>();
        await host.StartAsync();
        HeartClient client = service.Client!;

        healthy = false;
        await client.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        Assert.True(service.IsWithholdingBeats);
        Assert.Equal(129, client.ExitCode);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_disabled_heart_starts_nothing_and_answers_null()
    {
        using var dir = new TempDirectory();
        using IHost host = BuildHost(dir, new() { ["Medulla:Heart:Enabled"] = "false" });
        var service = host.Services.GetRequiredService<HeartHostedService>();

        await host.StartAsync();

        Assert.Null(service.Client);
        Assert.Null(await service.TryGetStatusAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_from_starting_with_the_key_in_the_message()
    {
        using var dir = new TempDirectory();
        using IHost host = BuildHost(dir, new() { ["Medulla:Heart:BeatInterval"] = "59" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Medulla:Heart:BeatInterval is 59 s", ex.Message);
    }
}
