using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.Async;

namespace Medulla.Bench.Targets;

/// <summary>
/// Serilog with Serilog.Sinks.Async around Serilog.Sinks.File. Lossless: the async buffer blocks the
/// caller when full and the file sink is buffered. Default: the async sink's defaults (10,000 events,
/// drops when full) around the file sink's defaults (unbuffered: flushed after every event).
/// </summary>
/// <remarks>
/// The calls go to the concrete <see cref="Logger"/> (sealed): through the <see cref="ILogger"/> interface
/// the generic <c>Information&lt;T0, T1, T2&gt;</c> is a generic virtual method, resolved by a run-time
/// lookup on every call, which cost a filtered call about 5 ns more than the level check itself. With
/// <paramref name="viaInterface"/> the calls go through the interface, to show that difference.
/// </remarks>
internal sealed class SerilogTarget(bool lossless, bool viaInterface = false) : IBenchTarget
{
    private const string OutputTemplate =
        "{Timestamp:yyyy-MM-ddTHH:mm:ss.ffffffzzz} {Level:u3} {SourceContext}: {Message:lj}{NewLine}";

    private readonly DropMonitor _monitor = new();
    private Logger? _root;
    private Logger? _log;
    private ILogger? _interface;

    /// <summary>The root logger, for the Microsoft.Extensions.Logging provider on top of it.</summary>
    internal Logger Root => _root!;

    public long? Dropped { get; private set; }

    public string Description => lossless
        ? "WriteTo.Async(a => a.File(path, outputTemplate, buffered: true), blockWhenFull: true)"
        : "WriteTo.Async(a => a.File(path, outputTemplate)) (bufferSize 10000, drops when full; file flushed per event)";

    public void Open(string directory, bool infoEnabled, int threads)
    {
        string path = Path.Combine(directory, "serilog.log");
        LoggerConfiguration config = new LoggerConfiguration()
            .MinimumLevel.Is(infoEnabled ? LogEventLevel.Information : LogEventLevel.Warning);
        config = lossless
            ? config.WriteTo.Async(a => a.File(path, outputTemplate: OutputTemplate, buffered: true), monitor: _monitor, blockWhenFull: true)
            : config.WriteTo.Async(a => a.File(path, outputTemplate: OutputTemplate), monitor: _monitor);
        _root = config.CreateLogger();
        // ForContext returns the interface; the object is Serilog's sealed Logger.
        _interface = _root.ForContext(Constants.SourceContextPropertyName, BenchEvent.Category);
        _log = (Logger)_interface;
    }

    public void Log(long first, int count)
    {
        Logger log = _log!;
        long end = first + count;
        for (long i = first; i < end; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Information(BenchEvent.Template, orderId, customer, elapsed);
        }
    }

    public void LogDisabled(long count)
    {
        if (viaInterface)
        {
            LogDisabledViaInterface(count);
            return;
        }
        Logger log = _log!;
        for (long i = 0; i < count; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Information(BenchEvent.Template, orderId, customer, elapsed);
        }
    }

    private void LogDisabledViaInterface(long count)
    {
        ILogger log = _interface!;
        for (long i = 0; i < count; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Information(BenchEvent.Template, orderId, customer, elapsed);
        }
    }

    public void Dispose()
    {
        // Disposing the root logger completes the async buffer, waits for its worker and closes the file.
        _root!.Dispose();
        Dropped = _monitor.Dropped;
    }

    /// <summary>Keeps the async sink's inspector so its drop counter can be read at the end.</summary>
    private sealed class DropMonitor : IAsyncLogEventSinkMonitor
    {
        private IAsyncLogEventSinkInspector? _inspector;

        internal long Dropped => _inspector?.DroppedMessagesCount ?? 0;

        public void StartMonitoring(IAsyncLogEventSinkInspector inspector) => _inspector = inspector;

        public void StopMonitoring(IAsyncLogEventSinkInspector inspector)
        {
            // Keep the inspector: its counter is read after the sink has been disposed.
        }
    }
}
