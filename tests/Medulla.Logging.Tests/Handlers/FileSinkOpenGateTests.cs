namespace Medulla.Logging.Tests.Handlers;

/// <summary><see cref="FileSinkOptions.OpenGate"/>: the file is opened by the first write once the gate opens.</summary>
public sealed class FileSinkOpenGateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medulla-gate-").FullName;

    [Fact]
    public void A_held_gate_defers_opening_to_the_first_write_after_the_gate_opens()
    {
        var gate = new WriteGate();
        gate.Hold();
        string path = Path.Combine(_dir, "logs", "app.log");
        using var rig = new SinkRig(() => new FileSink(new FileSinkOptions { Path = path, OpenGate = gate }));

        // Lines logged while the gate is held wait in the handler's queue; nothing is created yet.
        rig.LogLines(0, 5);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

        gate.Open();
        rig.Flush();

        Assert.Equal(SinkRig.Lines(0, 5), File.ReadAllText(path));
    }

    [Fact]
    public void An_open_or_absent_gate_opens_the_file_at_once()
    {
        var gate = new WriteGate();
        gate.Hold();
        gate.Open();
        string opened = Path.Combine(_dir, "open", "app.log");
        string plain = Path.Combine(_dir, "plain", "app.log");

        using var a = new FileSink(new FileSinkOptions { Path = opened, OpenGate = gate });
        using var b = new FileSink(new FileSinkOptions { Path = plain });

        Assert.True(File.Exists(opened));
        Assert.True(File.Exists(plain));
    }

    [Fact]
    public void A_gate_nobody_opens_lets_a_waiting_write_go_after_the_limit_given()
    {
        var gate = new WriteGate();
        gate.Hold();

        Assert.False(gate.Wait(TimeSpan.FromMilliseconds(1)));
        Assert.True(gate.IsHeld);
        gate.Open();
        Assert.True(gate.Wait(TimeSpan.Zero));
        Assert.False(gate.IsHeld);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
