using Medulla.Firmware;
using Medulla.Heart;
using Medulla.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: PowerApp direct|host|validation reboot|poweroff|halt [ARGUMENT]
//   direct: DevicePower without a host (no stop, no heart).
//   host:   a host with AddMedullaPower (and AddMedullaHeart when Medulla__Heart__Enabled=true), which
//           asks for the action once started. POWERAPP_HANG_STOP=1 makes a hosted service's stop hang.
//   validation: a host with AddMedullaPower, AddMedullaFirmware (Medulla__Firmware__* from the environment)
//           and assisted validation, whose one tagged health check always fails: the reboot is its
//           (the action argument is ignored).
// Configuration comes from the environment (Medulla__Power__HardTimeout=1s, ...). Logs go to stderr,
// one line each, for the test to read.
if (args.Length < 2 || !Enum.TryParse(args[1], ignoreCase: true, out PowerAction action))
{
    Console.Error.WriteLine("usage: PowerApp direct|host reboot|poweroff|halt [ARGUMENT]");
    return 2;
}
string? argument = args.Length > 2 ? args[2] : null;

if (args[0] == "direct")
{
    using ILoggerFactory logs = LoggerFactory.Create(ConfigureLogging);
    IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    var power = new DevicePower(PowerOptions.FromConfiguration(configuration.GetSection(PowerOptions.SectionPath)), logs.CreateLogger<DevicePower>());
    await power.RequestAsync(action, argument);
    Console.Error.WriteLine("app: the request returned");
    return 1;
}

HostApplicationBuilder builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
ConfigureLogging(builder.Logging);
builder.Services.AddSingleton<IHostedService, StopReporter>();
if (builder.Configuration["Medulla:Heart:Enabled"] == "true")
{
    builder.Services.AddMedullaHeart();
}
builder.Services.AddMedullaPower();
if (args[0] == "validation")
{
    builder.Services.AddMedullaFirmware();
    builder.Services.AddMedullaAssistedValidation();
    builder.Services.AddHealthChecks().AddCheck("never-healthy", () => HealthCheckResult.Unhealthy("the test's check"),
        tags: [AssistedValidationOptions.DefaultHealthCheckTag]);
}
else
{
    builder.Services.AddHostedService(sp => new Requester(sp.GetRequiredService<DevicePower>(), action, argument));
}
using IHost host = builder.Build();
await host.RunAsync();
Console.Error.WriteLine("app: the host returned");
return 1;

static void ConfigureLogging(ILoggingBuilder logging) =>
    logging.SetMinimumLevel(LogLevel.Debug)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddProvider(new StderrLoggerProvider());

/// <summary>
/// Writes each log line to stderr at once: the console logger's queue could still hold the last lines
/// when the namespace's end kills the process, and the tests read the order of the lines.
/// </summary>
internal sealed class StderrLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new StderrLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class StderrLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{logLevel}: {category}: {formatter(state, exception)}");
    }
}

/// <summary>Asks for the power action once the host has started.</summary>
internal sealed class Requester(DevicePower power, PowerAction action, string? argument) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Console.Error.WriteLine("app: started; requesting " + action);
        _ = power.RequestAsync(action, argument);
    }
}

/// <summary>Says when the host stops it, and with POWERAPP_HANG_STOP=1 never finishes stopping.</summary>
internal sealed class StopReporter : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("app: hosted service stopping");
        if (Environment.GetEnvironmentVariable("POWERAPP_HANG_STOP") == "1")
        {
            Console.Error.WriteLine("app: hosted service hangs in its stop");
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
        Console.Error.WriteLine("app: hosted service stopped");
    }
}
