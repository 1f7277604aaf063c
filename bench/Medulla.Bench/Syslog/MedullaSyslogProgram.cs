using Medulla.Logging;
using Medulla.SystemLog;

namespace Medulla.Bench.Syslog;

/// <summary>
/// The <c>syslog-receiver &lt;socket&gt; &lt;file&gt;</c> command: Medulla.SystemLog's server on the socket,
/// forwarding into Medulla.Logging with one FileSink handler (default settings, default formatter: one
/// line per message). It runs as a child of the bench, like the peers, so its peak memory is its own; it
/// serves until the bench ends it.
/// </summary>
internal static class MedullaSyslogProgram
{
    internal static int Run(string socketPath, string file)
    {
        using var system = new LogSystem(new LoggerConfig { Level = Level.Debug });
        system.AddHandler(new HandlerConfig
        {
            Id = "file",
            Sink = () => new FileSink(new FileSinkOptions { Path = file, MaxBytes = null }),
        });
        var forwarder = new SystemLogForwarder(system);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = socketPath }, forwarder.Forward);
        Console.WriteLine($"listening on {server.SocketPath} (receive buffer {server.ReceiveBufferBytes} bytes)");
        // The bench ends this process by its PID; until then the server's threads do the work.
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}

/// <summary>Medulla.SystemLog + Medulla.Logging in a child process of the bench (<see cref="MedullaSyslogProgram"/>).</summary>
internal sealed class MedullaSyslogReceiver : SyslogReceiver
{
    private MarkerLines? _lines;

    internal override string Name => "medulla";

    internal override string Description =>
        "Medulla.SystemLog's SyslogServer (default options: 4 MiB receive buffer, recvmmsg batches, parse and delivery on its thread) -> SystemLogForwarder -> Medulla.Logging, one FileSink handler " +
        "(default overload options and formatter `time level category: msg`), in a child process of the bench (`syslog-receiver`)";

    internal override void Start(string directory)
    {
        SocketPath = Path.Combine(directory, "medulla.sock");
        OutputFile = Path.Combine(directory, "medulla.log");
        _lines = new MarkerLines(OutputFile, DatagramSenders.Marker);
        Launch(Orchestration.ChildProcess.StartInfo("syslog-receiver", SocketPath, OutputFile));
        WaitForSocket(TimeSpan.FromSeconds(20));
    }

    internal override long Delivered() => _lines!.Count();
}

/// <summary>
/// Diagnostic: Medulla.SystemLog's server alone, inside the bench, its callback only counting the bench's
/// messages (no Medulla.Logging, no file). Beside the <c>medulla</c> row it says how much of the time is
/// the socket and the parser and how much the logging pipeline and the file.
/// </summary>
internal sealed class MedullaServerOnlyReceiver : SyslogReceiver
{
    private SyslogServer? _server;
    private long _count;

    internal override string Name => "medulla-server-only";

    internal override string Description =>
        "diagnostic: Medulla.SystemLog's SyslogServer (default options) inside the bench, the delivery callback only counting (no logging, no file)";

    internal override void Start(string directory)
    {
        SocketPath = Path.Combine(directory, "server-only.sock");
        _server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, message =>
        {
            if (message.Message.Contains("medulla-bench-msg", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        });
    }

    internal override long Delivered() => Interlocked.Read(ref _count);

    public override void Dispose()
    {
        _server?.Dispose();
        base.Dispose();
    }
}
