using Medulla.Logging;
using Medulla.Pstore.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Medulla.Pstore.Tests.Pmsg;

/// <summary>The gate is process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(ProcessWidePmsgGate), DisableParallelization = true)]
public sealed class ProcessWidePmsgGate;

[Collection(nameof(ProcessWidePmsgGate))]
public sealed class PmsgWriteGateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Device()
    {
        string path = _dir.Combine("device");
        File.WriteAllBytes(path, []);
        return path;
    }

    [Fact]
    public void Records_logged_while_the_gate_is_held_are_written_in_order_once_it_opens()
    {
        string device = Device();
        PmsgWriteGate.Hold();
        using var system = new LogSystem(stderr: TextWriter.Null);
        system.AddHandler(new HandlerConfig { Id = "pmsg", Sink = () => new PmsgSink(device, requireCharacterDevice: false), Formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{msg}\n" }) });
        CategoryLogger log = system.GetLogger("T");

        log.Log(Level.Warning, "before the archive");
        log.Log(Level.Warning, "also before");
        Assert.False(system.Flush(TimeSpan.FromMilliseconds(300))); // the writer waits at the gate
        Assert.Equal("", File.ReadAllText(device));
        Assert.True(PmsgWriteGate.IsHeld);

        PmsgWriteGate.Open();

        Assert.True(system.Flush(TimeSpan.FromSeconds(10)));
        Assert.Equal("before the archive\nalso before\n", File.ReadAllText(device));
    }

    [Fact]
    public async Task The_archive_at_start_archives_the_old_records_and_then_opens_the_gate()
    {
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "the previous boot's line");
        pstore.Add("dmesg-ramoops-0", "Oops: the previous boot's panic");
        string archive = _dir.Combine("archive");
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:Pstore:Root"] = pstore.Root,
            ["Medulla:Pstore:ArchiveDirectory"] = archive,
        });
        builder.Services.AddLogging();
        builder.Services.AddMedullaPstoreArchive();
        using IHost host = builder.Build();
        Assert.True(PmsgWriteGate.IsHeld);

        await host.StartAsync();

        Assert.False(PmsgWriteGate.IsHeld);
        Assert.Empty(pstore.Names());
        string folder = Assert.Single(Directory.GetDirectories(archive));
        Assert.Contains("the previous boot's line", File.ReadAllText(Path.Combine(folder, "pmsg-ramoops-0")), StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_an_archive_directory_or_with_a_failing_archive_the_gate_still_opens()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Medulla:Pstore:Root"] = _dir.Combine("no-pstore-here"), ["Medulla:Pstore:ArchiveDirectory"] = _dir.Combine("a") });
        builder.Services.AddLogging();
        builder.Services.AddMedullaPstoreArchive();
        using IHost host = builder.Build();

        await host.StartAsync();

        Assert.False(PmsgWriteGate.IsHeld);
        await host.StopAsync();
    }

    public void Dispose()
    {
        PmsgWriteGate.Reset();
        _dir.Dispose();
    }
}
