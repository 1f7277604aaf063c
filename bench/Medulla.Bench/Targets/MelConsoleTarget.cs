using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Medulla.Bench.Targets;

/// <summary>
/// Microsoft.Extensions.Logging's console provider (simple formatter, single line, UTC timestamp, no
/// colours) with Console.Out pointed at a file. Its queue options are left at their defaults:
/// MaxQueueLength 2500 and QueueFullMode Wait, so callers block when the queue is full and nothing is
/// dropped (the provider has no drop counter to read).
/// </summary>
internal sealed class MelConsoleTarget : IBenchTarget
{
    private static readonly Action<ILogger, int, string, double, Exception?> Processed =
        LoggerMessage.Define<int, string, double>(LogLevel.Information, new EventId(1, "Processed"), BenchEvent.Template);

    private TextWriter? _originalOut;
    private StreamWriter? _writer;
    private ILoggerFactory? _factory;
    private ILogger? _log;

    public long? Dropped => null;

    /// <summary>The logger, for the ILogger call-shape rows.</summary>
    internal ILogger Logger => _log!;

    public string Description =>
        "AddSimpleConsole(SingleLine, UseUtcTimestamp, no colours), Console.SetOut(StreamWriter(FileStream 64 KiB)); " +
        "queue defaults: MaxQueueLength 2500, QueueFullMode Wait (blocks, no drops)";

    public void Open(string directory, bool infoEnabled, int threads)
    {
        var stream = new FileStream(Path.Combine(directory, "mel.log"), FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        _writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        _originalOut = Console.Out;
        // The provider takes Console.Out when it is created, so the redirection comes first.
        Console.SetOut(_writer);
        _factory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(infoEnabled ? LogLevel.Information : LogLevel.Warning)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.ffffffZ ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
                o.IncludeScopes = false;
            }));
        _log = _factory.CreateLogger(BenchEvent.Category);
    }

    public void Log(long first, int count)
    {
        ILogger log = _log!;
        long end = first + count;
        for (long i = first; i < end; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            Processed(log, orderId, customer, elapsed, null);
        }
    }

    public void LogDisabled(long count)
    {
        ILogger log = _log!;
        for (long i = 0; i < count; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            Processed(log, orderId, customer, elapsed, null);
        }
    }

    public void Dispose()
    {
        // Disposing the factory completes the provider's queue and joins its writer thread (up to 1.5 s).
        _factory!.Dispose();
        Console.Out.Flush();
        Console.SetOut(_originalOut!);
        _writer!.Dispose();
    }
}
