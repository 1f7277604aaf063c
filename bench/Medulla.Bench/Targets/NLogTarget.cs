using NLog;
using NLog.Config;
using NLog.Targets;
using NLog.Targets.Wrappers;

namespace Medulla.Bench.Targets;

/// <summary>
/// NLog with an AsyncTargetWrapper around a FileTarget that keeps the file open. Lossless: the wrapper
/// blocks when its queue is full and the file target does not flush after each write. Default: the
/// wrapper's defaults (queue 10,000, discards when full) and the file target's (flushes every write).
/// </summary>
internal sealed class NLogTarget(bool lossless) : IBenchTarget
{
    private const string Layout = "${date:universalTime=true:format=o} ${level:uppercase=true} ${logger}: ${message}";

    private LogFactory? _factory;
    private Logger? _log;

    /// <summary>The log factory, for the Microsoft.Extensions.Logging provider on top of it.</summary>
    internal LogFactory Factory => _factory!;
    private long _dropped;

    public long? Dropped => Interlocked.Read(ref _dropped);

    public string Description => lossless
        ? "AsyncTargetWrapper(OverflowAction = Block) around FileTarget(KeepFileOpen = true, AutoFlush = false)"
        : "AsyncTargetWrapper (defaults: QueueLimit 10000, OverflowAction Discard) around FileTarget(KeepFileOpen = true)";

    public void Open(string directory, bool infoEnabled, int threads)
    {
        var file = new FileTarget("file")
        {
            FileName = Path.Combine(directory, "nlog.log"),
            Layout = Layout,
            KeepFileOpen = true,
        };
        var wrapper = new AsyncTargetWrapper("async", file);
        if (lossless)
        {
            file.AutoFlush = false;
            wrapper.OverflowAction = AsyncTargetWrapperOverflowAction.Block;
        }
        wrapper.LogEventDropped += (_, _) => Interlocked.Increment(ref _dropped);

        _factory = new LogFactory();
        var config = new LoggingConfiguration(_factory);
        config.AddRule(infoEnabled ? LogLevel.Info : LogLevel.Warn, LogLevel.Fatal, wrapper, "*");
        _factory.Configuration = config;
        _log = _factory.GetLogger(BenchEvent.Category);
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
            log.Info(BenchEvent.NLogTemplate, orderId, customer, elapsed);
        }
    }

    public void LogDisabled(long count)
    {
        Logger log = _log!;
        for (long i = 0; i < count; i++)
        {
            int orderId = BenchEvent.OrderId(i);
            string customer = BenchEvent.Customer(i);
            double elapsed = BenchEvent.Elapsed(i);
            log.Info(BenchEvent.NLogTemplate, orderId, customer, elapsed);
        }
    }

    public void Dispose()
    {
        _factory!.Flush(TimeSpan.FromMinutes(1));
        _factory.Dispose();
    }
}
