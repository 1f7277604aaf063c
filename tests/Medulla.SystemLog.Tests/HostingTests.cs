using Medulla.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.SystemLog.Tests;

public sealed class HostingTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-systemlog-host");

    public void Dispose() => _dir.Dispose();

    private static IHost Build(EventCapture capture, Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(capture.System);
        builder.Services.AddMedullaSystemLog();
        return builder.Build();
    }

    [Fact]
    public async Task The_hosted_services_log_kernel_records_and_syslog_messages()
    {
        using var capture = new EventCapture();
        string socket = _dir.File("log");
        using IHost host = Build(capture, new()
        {
            ["Medulla:SystemLog:Kmsg:Start"] = "end",
            ["Medulla:SystemLog:Syslog:SocketPath"] = socket,
        });
        await host.StartAsync();
        string marker = $"medulla-host-test-{Guid.NewGuid():N}";

        KmsgHostTests.Inject($"<4>warn;ing {marker}");
        ProcessRunner.Run("logger", ["-u", socket, "-t", "hosted", "-p", "user.alert", marker]).EnsureSuccess();
        LogEvent kernel = await capture.WaitFor(e => e.Category == "kernel" && e.Message.Contains(marker, StringComparison.Ordinal));
        LogEvent syslog = await capture.WaitFor(e => e.Category == "hosted" && e.Message == marker);
        await host.StopAsync();

        Assert.Equal(Level.Warning, kernel.Level);
        Assert.Equal($"warn;ing {marker}", kernel.Message);
        Assert.Equal(Level.Alert, syslog.Level);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task The_records_already_in_the_kernel_log_are_logged_before_the_host_has_started()
    {
        using var capture = new EventCapture();
        string marker = $"medulla-host-backlog-{Guid.NewGuid():N}";
        KmsgHostTests.Inject($"<5>{marker}");
        using IHost host = Build(capture, new()
        {
            ["Medulla:SystemLog:Kmsg:Start"] = "beginning",
            ["Medulla:SystemLog:Syslog:Enabled"] = "false",
        });

        await host.StartAsync();
        bool logged = capture.Events.Any(e => e.Category == "kernel" && e.Message == marker);
        await host.StopAsync();

        Assert.True(logged, "the record written before start was not logged when StartAsync returned");
    }

    [Fact]
    public async Task Disabled_services_touch_nothing()
    {
        using var capture = new EventCapture();
        string socket = _dir.File("log");
        using IHost host = Build(capture, new()
        {
            ["Medulla:SystemLog:Kmsg:Enabled"] = "false",
            ["Medulla:SystemLog:Syslog:Enabled"] = "false",
            ["Medulla:SystemLog:Syslog:SocketPath"] = socket,
        });

        await host.StartAsync();

        Assert.False(File.Exists(socket));
        Assert.DoesNotContain(capture.Events, e => e.Category == "kernel");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_socket_that_cannot_be_bound_is_an_error_event_not_a_crash()
    {
        using var capture = new EventCapture();
        using IHost host = Build(capture, new()
        {
            ["Medulla:SystemLog:Kmsg:Enabled"] = "false",
            ["Medulla:SystemLog:Syslog:SocketPath"] = _dir.File("missing-dir/log"),
        });

        await host.StartAsync();
        LogEvent e = await capture.WaitFor(e => e.Category == "syslog" && e.Level == Level.Error);
        await host.StopAsync();

        Assert.Contains("missing-dir/log", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Medulla:SystemLog:Kmsg:Start", "middle", "Medulla:SystemLog:Kmsg:Start: 'middle' is not allowed; expected beginning or end")]
    [InlineData("Medulla:SystemLog:Kmsg:Path", "", "Medulla:SystemLog:Kmsg:Path is empty")]
    [InlineData("Medulla:SystemLog:Syslog:ReceiveBufferBytes", "-1", "Medulla:SystemLog:Syslog:ReceiveBufferBytes: '-1' is not allowed")]
    [InlineData("Medulla:SystemLog:Syslog:ReceiveBufferBytes", "4GiB", "Medulla:SystemLog:Syslog:ReceiveBufferBytes: '4GiB' is not allowed")]
    [InlineData("Medulla:SystemLog:Syslog:Enabled", "maybe", "Medulla:SystemLog:Syslog:Enabled: 'maybe' is not allowed; expected true or false")]
    [InlineData("Medulla:SystemLog:Syslog:ReceiveBufferBytes", "lots", "Medulla:SystemLog:Syslog:ReceiveBufferBytes: 'lots' is not allowed")]
    public async Task A_bad_value_stops_the_host_at_start_naming_the_key(string key, string value, string expected)
    {
        using var capture = new EventCapture();
        using IHost host = Build(capture, new() { [key] = value, ["Medulla:SystemLog:Kmsg:Enabled"] = key.EndsWith("Enabled", StringComparison.Ordinal) ? null : "false" });

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.IsType<OptionsValidationException>(ex);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_read_without_a_host_have_sane_defaults()
    {
        SystemLogOptions options = SystemLogOptions.FromConfiguration(null);

        Assert.True(options.Kmsg.Enabled);
        Assert.Equal("/dev/kmsg", options.Kmsg.Path);
        Assert.Equal(KmsgStart.Beginning, options.Kmsg.Start);
        Assert.True(options.Syslog.Enabled);
        Assert.Equal("/dev/log", options.Syslog.SocketPath);
        Assert.Equal(4 * 1024 * 1024, options.Syslog.ReceiveBufferBytes);
    }

    [Fact]
    public void Options_read_without_a_host_take_sizes_in_medullas_syntax()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:SystemLog:Kmsg:Start"] = "End",
            ["Medulla:SystemLog:Syslog:ReceiveBufferBytes"] = "8MiB",
            ["Medulla:SystemLog:Syslog:Enabled"] = "FALSE",
        }).Build();

        SystemLogOptions options = SystemLogOptions.FromConfiguration(configuration);

        Assert.Equal(KmsgStart.End, options.Kmsg.Start);
        Assert.Equal(8 * 1024 * 1024, options.Syslog.ReceiveBufferBytes);
        Assert.False(options.Syslog.Enabled);
    }

    [Fact]
    public void Options_read_without_a_host_refuse_a_bad_value_naming_the_key()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:SystemLog:Kmsg:Enabled"] = "yes",
        }).Build();

        var ex = Assert.Throws<SystemLogConfigurationException>(() => SystemLogOptions.FromConfiguration(configuration));

        Assert.Contains("Medulla:SystemLog:Kmsg:Enabled: 'yes'", ex.Message, StringComparison.Ordinal);
    }
}
