using Medulla.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Medulla.Runtime.Tests.Hosting;

/// <summary>Registration only: nothing here asks for a power action (that runs in PID namespaces, see PowerNamespaceTests).</summary>
public class PowerHostingTests
{
    [Fact]
    public async Task Without_a_request_the_host_starts_and_stops_as_usual()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMedullaPower();
        using IHost host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.False(host.Services.GetRequiredService<DevicePower>().IsRequested);
    }

    [Fact]
    public void One_power_control_per_container_even_when_registered_twice()
    {
        var services = new ServiceCollection();
        services.AddMedullaPower().AddMedullaPower();

        Assert.Single(services, d => d.ServiceType == typeof(DevicePower));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
