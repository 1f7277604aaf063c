using System.Diagnostics.Metrics;
using Medulla.Heart;
using Medulla.Heart.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Medulla.Heart.Tests.Hosting;

/// <summary>
/// The health gate of <see cref="HeartHostedService"/> in a real host with the real daemon (in its own PID
/// namespace), observed through the heart's metrics on the host's meter factory.
/// </summary>
public class HeartHealthGateTests
{
    private const string Sent = "medulla.heart.beats.sent";
    private const string Withheld = "medulla.heart.beats.withheld";

    private static IHost BuildHost(TempDirectory dir, string[] tags, Func<HealthCheckRegistration, bool>? gate = null, bool enabled = true)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:Heart:Enabled"] = enabled ? "true" : "false",
            ["Medulla:Heart:HeartbeatTimeout"] = "11",
            ["Medulla:Heart:BeatInterval"] = "100ms",
        });
        builder.Services.AddLogging();
        builder.Services.AddMetrics();
        builder.Services.AddHealthChecks()
            .AddCheck("remote-ready", () => HealthCheckResult.Unhealthy("the update server is unreachable"), tags)
            .AddMedullaHeart();
        builder.Services.AddMedullaHeart(options => ClientDaemon.Options(dir, options));
        if (gate is not null)
        {
            builder.Services.AddMedullaHeartHealthGate(gate);
        }
        return builder.Build();
    }

    [Fact]
    public async Task An_Unhealthy_check_without_the_medulla_heart_tag_does_not_withhold_beats()
    {
        using var dir = new TempDirectory();
        using IHost host = BuildHost(dir, tags: ["ready"]);
        using var metrics = new MetricRecorder(host.Services.GetRequiredService<IMeterFactory>());
        var service = host.Services.GetRequiredService<HeartHostedService>();

        await host.StartAsync();
        await metrics.WaitForTotalAsync(Sent, 5, HeartProcess.Prompt);
        double? timeLeft = metrics.Observe("medulla.heart.time_left");
        HealthReport connection = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Name == HeartHealthChecksExtensions.ConnectionCheckName);
        int pid = service.Client!.DaemonProcessId;
        await host.StopAsync();

        Assert.Equal(0, metrics.Total(Withheld));
        Assert.False(service.IsWithholdingBeats);
        Assert.InRange(timeLeft!.Value, 0.001, 11);
        Assert.Equal(HealthStatus.Healthy, connection.Status);
        Assert.Equal(pid, connection.Entries.Values.Single().Data["daemon_pid"]);
    }

    [Fact]
    public async Task An_Unhealthy_check_with_the_medulla_heart_tag_withholds_every_beat_after_the_first()
    {
        using var dir = new TempDirectory();
        using IHost host = BuildHost(dir, tags: [HeartHealthGateOptions.Tag]);
        using var metrics = new MetricRecorder(host.Services.GetRequiredService<IMeterFactory>());
        var service = host.Services.GetRequiredService<HeartHostedService>();

        await host.StartAsync();
        await metrics.WaitForTotalAsync(Withheld, 3, HeartProcess.Prompt);
        bool withholding = service.IsWithholdingBeats;
        await host.StopAsync();

        Assert.True(withholding);
        // The beat at start, before the first tick; none since.
        Assert.Equal(1, metrics.Total(Sent));
    }

    [Fact]
    public async Task A_predicate_set_in_code_replaces_the_tag_rule()
    {
        using var dir = new TempDirectory();
        using IHost host = BuildHost(dir, tags: ["ready"], gate: r => r.Name == "remote-ready");
        using var metrics = new MetricRecorder(host.Services.GetRequiredService<IMeterFactory>());
        var service = host.Services.GetRequiredService<HeartHostedService>();

        await host.StartAsync();
        await metrics.WaitForTotalAsync(Withheld, 1, HeartProcess.Prompt);
        bool withholding = service.IsWithholdingBeats;
        await host.StopAsync();

        Assert.True(withholding);
        Assert.Equal(1, metrics.Total(Sent));
    }

    [Fact]
    public async Task The_connection_check_is_Unhealthy_before_the_heart_started_and_Healthy_when_it_is_disabled()
    {
        using var dir = new TempDirectory();
        using IHost notStarted = BuildHost(dir, tags: []);
        using IHost disabled = BuildHost(dir, tags: [], enabled: false);

        HealthReport before = await notStarted.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Name == HeartHealthChecksExtensions.ConnectionCheckName);
        await disabled.StartAsync();
        HealthReport off = await disabled.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Name == HeartHealthChecksExtensions.ConnectionCheckName);
        await disabled.StopAsync();

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("not connected to medulla-heart", before.Entries.Values.Single().Description);
        Assert.Equal(HealthStatus.Healthy, off.Status);
        Assert.Contains("disabled", off.Entries.Values.Single().Description);
    }
}
