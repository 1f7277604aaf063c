using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging;

/// <summary>
/// The logging core: primary configuration, per-category levels and handler instances, all changeable
/// at run time from any thread. Events pass the level check (before anything is built), the primary
/// filters, then each handler's level and filters, and are formatted and queued per handler.
/// </summary>
/// <example>
/// <code>
/// using var logs = new LogSystem();
/// logs.AddHandler(new HandlerConfig { Id = "console", Sink = () => new ConsoleSink() });
/// CategoryLogger log = logs.GetLogger("Demo");
/// log.Log(Level.Info, $"started with {args.Length} arguments");
/// </code>
/// </example>
public sealed class LogSystem : IDisposable
{
    /// <summary>Category of the events Medulla.Logging reports about itself.</summary>
    public const string SelfCategory = "Medulla.Logging";

    private static readonly string[] SelfDomain = ["medulla", "logging"];

    [ThreadStatic] private static LogEvent? t_event;
    [ThreadStatic] private static int t_reportDepth;

    private readonly Lock _configLock = new();
    private readonly StderrReports _stderr;
    private readonly List<IDisposable> _disposeWith = [];
    private readonly Action<LogFilter, Exception> _onPrimaryFilterFailed;
    private Pipeline _pipeline;
    /// <summary>The last removed handler of each id, kept for its final counts (its queue is closed).</summary>
    private ImmutableDictionary<string, LogHandler> _removed = ImmutableDictionary<string, LogHandler>.Empty;
    /// <summary>Why each handler that failed was removed, until a handler with its id is in force again (for the health check).</summary>
    private ImmutableDictionary<string, string> _failures = ImmutableDictionary<string, string>.Empty;
    private int _disposed;

    /// <summary>Creates a logging system with no handlers.</summary>
    /// <param name="config">Primary configuration (default: level info, no filters).</param>
    /// <param name="time">Clock for timestamps, burst windows and restarts (default: system clock).</param>
    /// <param name="stderr">Where handler failures are reported (default: the process's stderr).</param>
    /// <param name="meterFactory">
    /// The host's meter factory for the <c>Medulla.Logging</c> metrics (see docs/metrics.md); null (outside a
    /// host) gives the system a meter of its own.
    /// </param>
    public LogSystem(LoggerConfig? config = null, TimeProvider? time = null, TextWriter? stderr = null, IMeterFactory? meterFactory = null)
    {
        config ??= new LoggerConfig();
        config.Validate();
        Time = time ?? TimeProvider.System;
        _stderr = new StderrReports(stderr ?? Console.Error);
        _pipeline = new Pipeline(config, [], 0);
        _onPrimaryFilterFailed = PrimaryFilterFailed;
        Metrics = new LoggingMetrics(this, meterFactory);
        // A process that ends without disposing the system still writes what is queued.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Now, in UTC. Skips the provider's virtual call and offset arithmetic for the system clock.</summary>
    internal DateTime UtcNow => ReferenceEquals(Time, TimeProvider.System) ? DateTime.UtcNow : Time.GetUtcNow().UtcDateTime;

    /// <summary>Scope storage shared by every logger of this system (replaced by the host's when bridged).</summary>
    public IExternalScopeProvider ScopeProvider { get; set; } = new LoggerExternalScopeProvider();

    /// <summary>The primary configuration in force.</summary>
    public LoggerConfig Config => Volatile.Read(ref _pipeline).Config;

    /// <summary>Ids of the handlers in force, in the order they were added.</summary>
    public IReadOnlyList<string> HandlerIds => [.. Volatile.Read(ref _pipeline).Handlers.Select(h => h.Id)];

    internal LoggingMetrics Metrics { get; }

    internal Pipeline Current => Volatile.Read(ref _pipeline);

    /// <summary>A logger for a category; cheap to call, but callers usually keep the result.</summary>
    public CategoryLogger GetLogger(string category, IReadOnlyList<string>? domain = null)
    {
        ArgumentNullException.ThrowIfNull(category);
        return new CategoryLogger(this, category, domain);
    }

    /// <summary>Replaces the primary configuration; a bad one is refused whole.</summary>
    public void Configure(Func<LoggerConfig, LoggerConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_configLock)
        {
            Pipeline p = Current;
            LoggerConfig next = change(p.Config);
            next.Validate();
            Publish(p with { Config = next });
        }
    }

    /// <summary>Sets the primary level.</summary>
    public void SetLevel(Level level) => Configure(c => c with { Level = level });

    /// <summary>Sets (or with null removes) the level override for a category prefix.</summary>
    public void SetCategoryLevel(string categoryPrefix, Level? level)
    {
        ArgumentNullException.ThrowIfNull(categoryPrefix);
        Configure(c => c with
        {
            CategoryLevels = level is { } l ? c.CategoryLevels.SetItem(categoryPrefix, l) : c.CategoryLevels.Remove(categoryPrefix),
        });
    }

    /// <summary>Adds and starts a handler. Throws if the id is taken or the configuration is invalid.</summary>
    public void AddHandler(HandlerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        lock (_configLock)
        {
            Pipeline p = Current;
            if (p.Find(config.Id) is not null)
            {
                throw new ArgumentException($"a handler with id '{config.Id}' already exists");
            }
            LogHandler handler = StartDetached(config);
            Publish(p with { Handlers = p.Handlers.Add(handler) });
            _failures = _failures.Remove(config.Id);
        }
    }

    /// <summary>
    /// Validates a handler and starts it (creating its sink) without putting it in force, so a sink that
    /// cannot be created changes nothing. <see cref="Install"/> puts it in force; else stop it.
    /// </summary>
    internal LogHandler StartDetached(HandlerConfig config)
    {
        config.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        var handler = new LogHandler(this, config);
        handler.Start();
        return handler;
    }

    /// <summary>
    /// Puts a handler from <see cref="StartDetached"/> in force, in the place of the handler with the same
    /// id if there is one; that one is then stopped, writing what it has queued. Once the system is
    /// disposed the handler is stopped instead: Dispose has taken its list of handlers to stop.
    /// </summary>
    internal void Install(LogHandler handler)
    {
        LogHandler? old;
        lock (_configLock)
        {
            // Dispose sets the flag before it takes the handlers under this lock: a handler published
            // here without the check could come after that and never be stopped.
            if (Volatile.Read(ref _disposed) == 1)
            {
                old = handler;
            }
            else
            {
                Pipeline p = Current;
                old = p.Find(handler.Id);
                Publish(p with { Handlers = old is null ? p.Handlers.Add(handler) : p.Handlers.Replace(old, handler) });
                _failures = _failures.Remove(handler.Id);
            }
        }
        if (old is not null)
        {
            StopAndReport(old);
        }
    }

    /// <summary>
    /// Removes a handler, writing what it has queued first (bounded by its shutdown timeout).
    /// Returns false if there was no such handler.
    /// </summary>
    public bool RemoveHandler(string id)
    {
        LogHandler? handler = Detach(id);
        if (handler is null)
        {
            return false;
        }
        StopAndReport(handler);
        return true;
    }

    /// <summary>Reconfigures a handler (level, filters, formatter, overload options) without restarting its sink.</summary>
    public void UpdateHandler(string id, Func<HandlerConfig, HandlerConfig> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_configLock)
        {
            Pipeline p = Current;
            LogHandler handler = p.Find(id) ?? throw new ArgumentException($"no handler with id '{id}'");
            HandlerConfig next = change(handler.Config);
            next.Validate();
            if (next.Id != id)
            {
                throw new ArgumentException($"handler '{id}': the id cannot be changed");
            }
            handler.Reconfigure(next);
            Publish(p with { Version = p.Version });
        }
    }

    /// <summary>Sets a handler's level.</summary>
    public void SetHandlerLevel(string id, Level level) => UpdateHandler(id, c => c with { Level = level });

    /// <summary>The configuration of a handler, or null.</summary>
    public HandlerConfig? GetHandlerConfig(string id) => Current.Find(id)?.Config;

    /// <summary>
    /// Overload state and counters of a handler; for an id no handler in force has, the final counters of
    /// the last removed handler with that id (so what it lost stays visible); otherwise null.
    /// </summary>
    public HandlerStatus? GetHandlerStatus(string id) => (Current.Find(id) ?? Volatile.Read(ref _removed).GetValueOrDefault(id))?.Status;

    /// <summary>Statuses of the handlers in force and of the last removed handler of every other id.</summary>
    internal IEnumerable<HandlerStatus> HandlerStatuses()
    {
        Pipeline p = Current;
        foreach (LogHandler handler in p.Handlers)
        {
            yield return handler.Status;
        }
        foreach (LogHandler handler in Volatile.Read(ref _removed).Values)
        {
            if (p.Find(handler.Id) is null)
            {
                yield return handler.Status;
            }
        }
    }

    /// <summary>Handlers removed because their sink or formatter threw, with the reason, while none with their id is in force.</summary>
    internal ImmutableDictionary<string, string> FailedHandlers
    {
        get
        {
            lock (_configLock)
            {
                return _failures;
            }
        }
    }

    /// <summary>Logs a ready-made event (its level is checked against the category's threshold).</summary>
    public void Log(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        Pipeline p = Current;
        if (logEvent.Level.Passes(p.Config.LevelFor(logEvent.Category)))
        {
            Dispatch(logEvent, p);
        }
    }

    /// <summary>
    /// Waits until every event logged before the call has been written by every handler and each sink
    /// flushed. Returns false if that did not happen within <paramref name="timeout"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes) or a handler lost some of them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public bool Flush(TimeSpan timeout)
    {
        var deadline = new WaitDeadline(timeout);
        bool all = true;
        foreach (LogHandler handler in Current.Handlers)
        {
            all &= handler.Flush(deadline.Left);
        }
        return all;
    }

    /// <summary>
    /// Logs unhandled exceptions of the process at critical level and flushes every handler before the
    /// runtime ends the process, so the crash is in the log. Returns a registration to undo it.
    /// </summary>
    public IDisposable CaptureUnhandledExceptions(TimeSpan? flushTimeout = null)
    {
        var capture = new UnhandledExceptionCapture(this, flushTimeout ?? TimeSpan.FromSeconds(3));
        DisposeWith(capture);
        return capture;
    }

    /// <summary>Disposes <paramref name="resource"/> when the system is disposed (before the handlers stop).</summary>
    public void DisposeWith(IDisposable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_disposeWith)
        {
            _disposeWith.Add(resource);
        }
    }

    /// <summary>Stops every handler, writing everything queued (each bounded by its shutdown timeout).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        lock (_disposeWith)
        {
            foreach (IDisposable resource in _disposeWith)
            {
                resource.Dispose();
            }
            _disposeWith.Clear();
        }
        ImmutableArray<LogHandler> handlers;
        lock (_configLock)
        {
            handlers = Current.Handlers;
        }
        // Stop in reverse order of addition while the others still run, so their reports have a home.
        // Each is detached before it stops, as RemoveHandler does: events logged while it drains go to the
        // others only (they were never offered to it) instead of reaching its closed queue.
        for (int i = handlers.Length - 1; i >= 0; i--)
        {
            if (Detach(handlers[i].Id, handlers[i]) is { } handler)
            {
                StopAndReport(handler);
            }
        }
        Metrics.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    // ---- internals used by loggers and handlers ----

    internal static LogEvent RentEvent()
    {
        LogEvent? e = t_event;
        t_event = null;
        return e ?? LogEvent.NewPooled();
    }

    internal static void ReturnEvent(LogEvent e) => t_event ??= e;

    internal void Dispatch(LogEvent logEvent, Pipeline p)
    {
        LoggerConfig config = p.Config;
        logEvent.GlobalMetadata = config.Metadata;
        int truncation = config.MessageTruncation;
        if (truncation > 0)
        {
            logEvent.TruncateMessage(truncation);
        }
        LogEvent? accepted = FilterChain.Run(config.Filters, config.FilterDefault, logEvent, _onPrimaryFilterFailed);
        if (accepted is null)
        {
            return;
        }
        foreach (LogHandler handler in p.Handlers)
        {
            handler.Handle(accepted);
        }
    }

    internal void FilterFailed(LogHandler handler, LogFilter filter, Exception ex)
    {
        bool removed = false;
        lock (_configLock)
        {
            HandlerConfig config = handler.Config;
            if (config.Filters.Contains(filter))
            {
                handler.Reconfigure(config with { Filters = config.Filters.Remove(filter) });
                removed = true;
            }
        }
        if (removed)
        {
            ReportSelf(Level.Error, SelfReportTexts.FilterRemoved(handler.Id, filter, ex), ex);
        }
    }

    /// <summary>
    /// Removes a handler whose sink or formatter threw and reports it with its counts, once; also when the
    /// failure happens while the handler is already being removed (draining its queue).
    /// </summary>
    internal void HandlerFailed(LogHandler handler, string part, Exception ex)
    {
        if (!handler.MarkFailed())
        {
            return;
        }
        bool detached;
        lock (_configLock)
        {
            detached = Detach(handler.Id, handler) is not null;
            if (detached)
            {
                _failures = _failures.SetItem(handler.Id, $"its {part} threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        if (detached)
        {
            handler.Stop();
        }
        string text = SelfReportTexts.HandlerRemoved(handler.Id, part, ex, handler.Status);
        _stderr.Write(text);
        ReportSelf(Level.Error, text, ex);
    }

    /// <summary>
    /// The first event that passed a handler's filters after the handler stopped; it and any later ones
    /// are counted lost, and the total is in the stop report.
    /// </summary>
    internal void EventArrivedAfterStop(LogHandler handler) =>
        _stderr.Write(SelfReportTexts.EventAfterStop(handler.Id, handler.Status));

    /// <summary>Stops a handler that is being removed and reports on stderr what it could not write.</summary>
    private void StopAndReport(LogHandler handler)
    {
        long lost = handler.Stop();
        if (lost > 0)
        {
            _stderr.Write(SelfReportTexts.NotWrittenAtStop(handler.Id, lost, handler.Status));
        }
        else if (handler.LateEventSeen)
        {
            _stderr.Write(SelfReportTexts.LateEventsAtStop(handler.Id, handler.Status));
        }
    }

    internal void ReportOverload(LogHandler handler, in OverloadReport r)
    {
        string text = SelfReportTexts.Overload(handler.Id, r, handler.Config.Overload);
        if (!EmitSelf(Level.Notice, text, null, SelfReportTexts.OverloadProperties(handler.Id, r)) || r.Kind == OverloadReportKind.DroppedAtClose)
        {
            _stderr.Write(text);
        }
    }

    internal void ReportModeSummary(LogHandler handler, in ModeChangeSummary s)
    {
        string text = SelfReportTexts.ModeSummary(handler.Id, s);
        if (!EmitSelf(Level.Notice, text, null, SelfReportTexts.ModeSummaryProperties(handler.Id, s)))
        {
            _stderr.Write(text);
        }
    }

    private void PrimaryFilterFailed(LogFilter filter, Exception ex)
    {
        bool removed = false;
        lock (_configLock)
        {
            Pipeline p = Current;
            if (p.Config.Filters.Contains(filter))
            {
                Publish(p with { Config = p.Config with { Filters = p.Config.Filters.Remove(filter) } });
                removed = true;
            }
        }
        if (removed)
        {
            ReportSelf(Level.Error, SelfReportTexts.PrimaryFilterRemoved(filter, ex), ex);
        }
    }

    private void ReportSelf(Level level, string text, Exception? ex) => EmitSelf(level, text, ex, null);

    /// <summary>Logs one of Medulla.Logging's own reports; false when it could not be dispatched.</summary>
    private bool EmitSelf(Level level, string text, Exception? ex, KeyValuePair<string, object?>[]? properties)
    {
        if (t_reportDepth > 2)
        {
            return false;
        }
        Pipeline p = Current;
        if (p.Handlers.IsEmpty)
        {
            return false;
        }
        if (!level.Passes(p.Config.LevelFor(SelfCategory)))
        {
            return true;
        }
        t_reportDepth++;
        try
        {
            var e = new LogEvent(level, SelfCategory, text, ex)
            {
                Timestamp = Time.GetUtcNow().UtcDateTime,
                Domain = SelfDomain,
                IsOverloadReport = true,
            };
            e.SetObjectProperties(properties);
            Dispatch(e, p);
            return true;
        }
        finally
        {
            t_reportDepth--;
        }
    }

    private LogHandler? Detach(string id, LogHandler? only = null)
    {
        lock (_configLock)
        {
            Pipeline p = Current;
            LogHandler? handler = p.Find(id);
            if (handler is null || (only is not null && !ReferenceEquals(handler, only)))
            {
                return null;
            }
            // Recorded as removed before it leaves the pipeline, so a status query never finds neither.
            Volatile.Write(ref _removed, _removed.SetItem(id, handler));
            Publish(p with { Handlers = p.Handlers.Remove(handler) });
            return handler;
        }
    }

    private void Publish(Pipeline next) => Volatile.Write(ref _pipeline, next with { Version = Current.Version + 1 });
}
