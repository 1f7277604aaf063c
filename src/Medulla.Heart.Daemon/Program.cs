using Medulla.Heart;
using Medulla.Heart.Daemon;

var warnings = new List<string>();
HeartSettings settings = HeartSettingsReader.Read(args, Environment.GetEnvironmentVariable, warnings);
using var log = DaemonLog.Open(settings);
foreach (string warning in warnings)
{
    log.Warning(warning);
}
using var watchdog = new LinuxWatchdogDevice(settings.WatchdogPath, settings.KernelTimeoutSeconds, log);
return new HeartDaemon(settings, watchdog, log, TimeProvider.System).Run();
