using Medulla.Logging;

namespace Medulla.Bench.Targets;

/// <summary>
/// Medulla.Logging with one file handler: default handler settings and default formatter; the overload
/// options are the defaults, OTP's (burst limit off), or the defaults with another sync threshold.
/// </summary>
internal sealed class MedullaTarget : IBenchTarget
{
    private const string HandlerId = "file";

    private readonly OverloadOptions _overload;
    private readonly MedullaSinkKind _sink;
    private LogSystem? _system;
    private CategoryLogger? _log;

    internal MedullaTarget(OverloadOptions overload, MedullaSinkKind sink, string description)
    {
        _overload = overload;
        _sink = sink;
        Description = description;
    }

    public long? Dropped { get; private set; }

    /// <summary>The logging system, for the Microsoft.Extensions.Logging provider on top of it.</summary>
    internal LogSystem System => _system!;

    public string Description { get; }

    public void Open(string directory, bool infoEnabled, int threads)
    {
        string path = Path.Combine(directory, "medulla.log");
        _system = new LogSystem(new LoggerConfig { Level = infoEnabled ? Level.Info : Level.Warning });
        _system.AddHandler(new HandlerConfig
        {
            Id = HandlerId,
            Sink = _sink switch
            {
                MedullaSinkKind.Discard => () => new DiscardSink(),
                MedullaSinkKind.RawFile => () => new RawFileSink(path),
                _ => () => CreateFileSink(path),
            },
            Overload = _overload,
        });
        _log = _system.GetLogger(BenchEvent.Category);
    }

    public void Log(long first, int count)
    {
        CategoryLogger log = _log!;
        long end = first + count;
        for (long i = first; i < end; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Log(Level.Info, $"Processed order {orderId} for {customer} in {elapsed} ms");
        }
    }

    public void LogDisabled(long count)
    {
        CategoryLogger log = _log!;
        for (long i = 0; i < count; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Log(Level.Info, $"Processed order {orderId} for {customer} in {elapsed} ms");
        }
    }

    public void Dispose()
    {
        LogSystem system = _system!;
        if (!system.Flush(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("Medulla did not flush within a minute");
        }
        // The status is gone once the handler is removed, so it is read between flush and dispose.
        HandlerStatus status = system.GetHandlerStatus(HandlerId) ?? throw new InvalidOperationException("handler vanished");
        Dropped = status.Dropped + status.Flushed;
        system.Dispose();
    }

    private static FileSink CreateFileSink(string path) =>
        new FileSink(new FileSinkOptions { Path = path, MaxBytes = null });
}

/// <summary>Which sink the Medulla handler writes to: the product's, or a diagnostic one.</summary>
internal enum MedullaSinkKind
{
    /// <summary>Medulla.Logging's FileSink.</summary>
    FileSink,
    /// <summary>Diagnostic: the bench's minimal FileStream sink, to separate the pipeline from the sink.</summary>
    RawFile,
    /// <summary>Diagnostic: throws the records away, to measure the pipeline alone.</summary>
    Discard,
}
