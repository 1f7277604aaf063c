using DeviceApp;
using Medulla.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The demo device: the program a device runs as its main application. `DeviceApp help` lists the
// actions; without arguments it plays a short scripted demo and exits. Everything Medulla does comes from
// AddMedulla() and the "Medulla" section (appsettings.json; in the device in a box, DOTNET_ENVIRONMENT=Box,
// also appsettings.Box.json).
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
// Before AddMedulla: it prints the previous boot's pmsg lines from pstore before Medulla archives them.
builder.Services.AddHostedService<PreviousBootLines>();
builder.Services.AddMedulla();
builder.Services.AddHealthChecks().AddCheck<RequiredPathCheck>(RequiredPathCheck.Name, tags: [AssistedValidationOptions.DefaultHealthCheckTag]);
builder.Services.AddDeviceOptions(builder.Configuration).AddSingleton(new DemoScript(args));
builder.Services.AddHostedService<Device>();
builder.Services.AddHostedService<DiskWatcher>();

using IHost host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
