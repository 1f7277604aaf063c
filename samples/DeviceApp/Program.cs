using DeviceApp;
using Medulla.Logging.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The demo device: the program a device runs as its main application. `dotnet run -- help` lists the
// actions; without arguments it plays a short scripted demo and exits.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders().AddMedulla();
builder.Services.AddSingleton(new DemoScript(args.Length > 0 ? args : ["demo"]));
builder.Services.AddHostedService<Device>();

using IHost host = builder.Build();
await host.RunAsync();
return Environment.ExitCode;
