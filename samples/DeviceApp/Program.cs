using DeviceApp;
using static Medulla.Devices.DevicesServiceCollectionExtensions;
using Medulla.Heart;
using Medulla.Logging;
using Medulla.Pstore;
using Medulla.SystemLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// The demo device: the program a device runs as its main application. `DeviceApp help` lists the
// actions; without arguments it plays a short scripted demo and exits. In the device in a box
// (DOTNET_ENVIRONMENT=Box, appsettings.Box.json) it also logs to pmsg and, at start, reports and
// archives what the previous boot left in pstore.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders().AddMedulla(o => o.AddPmsgHandlerType());
builder.Services.AddOptions<DeviceOptions>()
    .Bind(builder.Configuration.GetSection(DeviceOptions.Section))
    .Validate(o => o.PstoreKeepBoots >= 1, $"{DeviceOptions.Section}:PstoreKeepBoots must be at least 1")
    .Validate(o => o.LogDirectory.Length > 0 && o.PstoreRoot.Length > 0 && o.PstoreArchive.Length > 0,
        $"{DeviceOptions.Section}:LogDirectory, PstoreRoot and PstoreArchive must not be empty")
    .ValidateOnStart();
builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DeviceOptions>>().Value);
builder.Services.AddSingleton(new DemoScript(args));
// Registered first: hosted services start in order, so the previous boot's records are reported
// and archived before the device's actions run.
builder.Services.AddHostedService<PstoreAtStart>();
builder.Services.AddHostedService<Device>();
// The heart (off unless "Medulla:Heart:Enabled" is true): medulla-heart reboots the device when the
// app stops beating, and pets the hardware watchdog.
builder.Services.AddMedullaHeart();
// The kernel's log from boot (/dev/kmsg) and the syslog socket (/dev/log) in the app's log, and the
// device table with the disks plugged in and out: both off on a workstation (appsettings.json), on in
// the box (appsettings.Box.json), where the app is the device's main program and runs as root.
builder.Services.AddMedullaSystemLog();
builder.Services.AddMedullaDevices();
builder.Services.AddHostedService<DiskWatcher>();

using IHost host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
