using System.Threading.Channels;
using Medulla.Devices.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Devices.Tests.Modules;

/// <summary>Module autoload against a fake modprobe that records its argument vector.</summary>
public sealed class ModuleAutoloaderTests : IDisposable
{
    private readonly FakeModprobe _modprobe = new();

    public void Dispose() => _modprobe.Dispose();

    private static async Task<List<ModprobeRun>> Collect(ModuleAutoloader loader, Action request, int runs)
    {
        var finished = Channel.CreateUnbounded<ModprobeRun>();
        loader.RunFinished += run => finished.Writer.TryWrite(run);
        request();
        var result = new List<ModprobeRun>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (result.Count < runs)
        {
            result.Add(await finished.Reader.ReadAsync(timeout.Token));
        }
        return result;
    }

    private ModuleAutoloader Create(int batchSize = 64, string? path = null) =>
        new(path ?? _modprobe.Path, batchSize, DevicesMetrics.For(null), NullLogger.Instance);

    [Fact]
    public async Task The_aliases_of_one_request_go_to_one_run_as_separate_arguments()
    {
        await using ModuleAutoloader loader = Create();

        List<ModprobeRun> runs = await Collect(loader, () => loader.Request(["pci:v00008086d00000D57sv00000000sd00000000bc06sc00i00", "usb:v1D6Bp0002", "virtio:d00000002v00001AF4"]), 1);

        Assert.Null(runs[0].Error);
        Assert.Equal([["-q", "-a", "pci:v00008086d00000D57sv00000000sd00000000bc06sc00i00", "usb:v1D6Bp0002", "virtio:d00000002v00001AF4"]], _modprobe.Runs());
    }

    [Fact]
    public async Task An_alias_is_an_argument_never_shell_text()
    {
        await using ModuleAutoloader loader = Create();
        string hostile = $"x;touch {_modprobe.Directory}/pwned $(touch {_modprobe.Directory}/pwned2)";

        await Collect(loader, () => loader.Request([hostile]), 1);

        Assert.Equal([["-q", "-a", hostile]], _modprobe.Runs());
        Assert.False(File.Exists(Path.Combine(_modprobe.Directory, "pwned")));
        Assert.False(File.Exists(Path.Combine(_modprobe.Directory, "pwned2")));
    }

    [Fact]
    public async Task Batches_are_cut_at_the_batch_size_and_run_one_after_the_other_in_order()
    {
        await using ModuleAutoloader loader = Create(batchSize: 2);

        await Collect(loader, () => loader.Request(["a", "b", "c", "d", "e"]), 3);

        Assert.Equal([["-q", "-a", "a", "b"], ["-q", "-a", "c", "d"], ["-q", "-a", "e"]], _modprobe.Runs());
    }

    [Fact]
    public async Task An_alias_already_requested_is_not_run_again()
    {
        await using ModuleAutoloader loader = Create();
        await Collect(loader, () => loader.Request(["a", "b"]), 1);

        await Collect(loader, () => loader.Request(["b", "a", "c"]), 1);

        Assert.Equal([["-q", "-a", "a", "b"], ["-q", "-a", "c"]], _modprobe.Runs());
    }

    [Fact]
    public async Task A_failing_modprobe_is_reported_with_its_status()
    {
        using var failing = new FakeModprobe(exitCode: 1);
        await using ModuleAutoloader loader = Create(path: failing.Path);

        List<ModprobeRun> runs = await Collect(loader, () => loader.Request(["a"]), 1);

        Assert.Equal(1, runs[0].ExitCode);
        Assert.Contains("exited with 1", runs[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_modprobe_is_reported_and_the_loader_goes_on()
    {
        await using ModuleAutoloader loader = Create(path: Path.Combine(_modprobe.Directory, "no-such-modprobe"));

        List<ModprobeRun> first = await Collect(loader, () => loader.Request(["a"]), 1);
        List<ModprobeRun> second = await Collect(loader, () => loader.Request(["b"]), 1);

        Assert.Null(first[0].ExitCode);
        Assert.Contains("cannot start", first[0].Error, StringComparison.Ordinal);
        Assert.Equal(["b"], second[0].Aliases);
    }
}
