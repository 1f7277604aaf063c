
namespace Medulla.Logging;

/// <summary>
/// A running handler: filters and formats events on the caller's thread, queues the bytes with overload
/// protection, and writes them to its sink from a dedicated thread (not the thread pool, so a starved
/// pool cannot stop logging).
/// </summary>
internal sealed class LogHandler
{
    [ThreadStatic] private static Utf8Buffer? t_scratch;
    [ThreadStatic] private static LogHandler? t_writerOf;

    private readonly LogSystem _system;
    private readonly OverloadQueue _queue;
    private readonly Action<LogFilter, Exception> _onFilterFailed;
    /// <summary>
    /// Writer threads that may still run: after an overload kill the old writer can still be inside its
    /// sink's Write, and stopping must wait for it too.
    /// </summary>
    private readonly List<Thread> _writers = [];
    private HandlerConfig _config;
    private ITimer? _restartTimer;
    private ITimer? _modeSummaryTimer;
    /// <summary>Guards creating, changing and disposing the mode summary timer against Stop (not per event).</summary>
    private readonly Lock _modeSummaryTimerLock = new();
    private int _removed;
    private int _failed;
    private int _lateEventSeen;

    internal LogHandler(LogSystem system, HandlerConfig config)
    {
        _system = system;
        _config = config;
        _queue = new OverloadQueue(config.Overload, system.Time);
        _onFilterFailed = (f, ex) => _system.FilterFailed(this, f, ex);
    }

    internal string Id => _config.Id;

    internal HandlerConfig Config => Volatile.Read(ref _config);

    internal Level Level => Volatile.Read(ref _config).Level;

    internal HandlerStatus Status => new(
        Id, _queue.Mode, _queue.QueueLength, _queue.TotalHandled, _queue.TotalDropped, _queue.TotalFlushed, _queue.IsKilled, _queue.Offered, _queue.Lost);

    /// <summary>Creates the sink and starts the writer. A throwing sink factory fails the add.</summary>
    internal void Start() => StartWriter(_queue.Generation, _config.Sink());

    internal void Reconfigure(HandlerConfig config)
    {
        Volatile.Write(ref _config, config);
        _queue.SetOptions(config.Overload);
    }

    /// <summary>Caller side: level, filters, format, enqueue. Returns false if the handler failed.</summary>
    internal void Handle(LogEvent logEvent)
    {
        HandlerConfig config = Volatile.Read(ref _config);
        if (!logEvent.Level.Passes(config.Level))
        {
            return;
        }
        LogEvent? accepted = FilterChain.Run(config.Filters, config.FilterDefault, logEvent, _onFilterFailed);
        if (accepted is null)
        {
            return;
        }
        // The pooled event's own buffer (no thread-local lookup; it serves a filter's replacement too,
        // since this thread owns the event); else a thread's, taken off the thread while in use since a
        // formatter may log and re-enter here.
        Utf8Buffer? own = logEvent.FormatBuffer;
        Utf8Buffer scratch = own ?? t_scratch ?? new Utf8Buffer(1024);
        if (own is null)
        {
            t_scratch = null;
        }
        try
        {
            scratch.Clear();
            try
            {
                config.Formatter.Format(accepted, scratch);
            }
#pragma warning disable CA1031 // a formatter may throw anything; the handler is removed, logging goes on
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _queue.LoseUnqueued();
                _system.HandlerFailed(this, "formatter", ex);
                return;
            }
            Enqueue(scratch.WrittenSpan, accepted.Level, accepted.IsOverloadReport);
        }
        finally
        {
            scratch.ShrinkIfHuge();
            if (own is null)
            {
                t_scratch = scratch;
            }
        }
    }

    private void Enqueue(ReadOnlySpan<byte> record, Level level, bool force)
    {
        var reports = new PendingReports();
        EnqueueOutcome outcome = _queue.Enqueue(record, level, force, ref reports);
        Emit(ref reports);
        if (outcome == EnqueueOutcome.Killed)
        {
            ScheduleRestart();
        }
        else if (outcome == EnqueueOutcome.Closed && !force)
        {
            // Reports about a stopping handler also reach it; they are on stderr or in the others' logs.
            // Only the first late event is reported: at shutdown they can be many, and all are counted lost.
            if (Volatile.Read(ref _lateEventSeen) == 0 && Interlocked.Exchange(ref _lateEventSeen, 1) == 0)
            {
                _system.EventArrivedAfterStop(this);
            }
        }
        else if (outcome == EnqueueOutcome.QueuedMustWait && t_writerOf != this)
        {
            _queue.WaitBelowSyncThreshold();
        }
    }

    /// <summary>True once an event has reached the handler after it stopped (it was counted lost).</summary>
    internal bool LateEventSeen => Volatile.Read(ref _lateEventSeen) == 1;

    /// <summary>True the first time only: the handler's failure is reported once.</summary>
    internal bool MarkFailed() => Interlocked.Exchange(ref _failed, 1) == 0;

    /// <summary>Waits until everything queued so far is written and the sink flushed.</summary>
    internal bool Flush(TimeSpan timeout) => _queue.Flush(timeout);

    /// <summary>
    /// Stops accepting events, lets the writer drain the queue and dispose the sink, bounded by the
    /// shutdown timeout; what is still unwritten then is counted lost. Returns the number of events lost
    /// that way.
    /// </summary>
    internal long Stop()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 1)
        {
            return 0;
        }
        _restartTimer?.Dispose();
        lock (_modeSummaryTimerLock)
        {
            _modeSummaryTimer?.Dispose();
            _modeSummaryTimer = null;
        }
        // While the queue still takes events, so the summary reaches this handler's log too.
        ReportModeSummary();
        var reports = new PendingReports();
        _queue.Close(ref reports);
        Emit(ref reports);
        if (t_writerOf == this)
        {
            return 0;
        }
        if (JoinWriters(new WaitDeadline(_config.ShutdownTimeout)))
        {
            return 0;
        }
        var late = new PendingReports();
        return _queue.Abandon(ref late);
    }

    private bool JoinWriters(WaitDeadline deadline)
    {
        Thread[] writers;
        lock (_writers)
        {
            writers = [.. _writers];
        }
        foreach (Thread writer in writers)
        {
            if (!writer.Join(deadline.Left))
            {
                return false;
            }
        }
        return true;
    }

    private void StartWriter(int generation, ILogSink sink)
    {
        var thread = new Thread(() => WriterLoop(generation, sink))
        {
            IsBackground = true,
            Name = $"medulla-log:{_config.Id}",
        };
        lock (_writers)
        {
            _writers.RemoveAll(w => !w.IsAlive);
            _writers.Add(thread);
        }
        thread.Start();
    }

    private void WriterLoop(int generation, ILogSink sink)
    {
        t_writerOf = this;
        bool dirty = false;
        bool linger = false;
        try
        {
            while (true)
            {
                WriterStep step = _queue.Next(generation, Volatile.Read(ref _config).FlushDelay, dirty, linger, out RecordSegment? first, out int count);
                linger = step == WriterStep.Batch;
                switch (step)
                {
                    case WriterStep.Batch:
                        bool written = false;
                        try
                        {
                            sink.Write(new LogBatch(first, count));
                            written = true;
                            dirty = true;
                        }
                        finally
                        {
                            _queue.Complete(first, count, written);
                        }
                        break;
                    case WriterStep.Flush:
                        long request = _queue.FlushRequestNumber;
                        sink.Flush();
                        dirty = false;
                        _queue.FlushCompleted(request);
                        break;
                    case WriterStep.Stop:
                        sink.Flush();
                        _queue.FlushCompleted(long.MaxValue);
                        DisposeQuietly(sink);
                        return;
                    case WriterStep.Stale:
                        DisposeQuietly(sink);
                        return;
                }
            }
        }
#pragma warning disable CA1031 // a sink may throw anything: the handler is removed, the others go on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DisposeQuietly(sink);
            if (_queue.Generation != generation)
            {
                // The sink an overload kill abandoned: its batch is counted lost, a new sink runs on.
                return;
            }
            // What is queued behind the failed batch will never be written: count it lost now.
            var reports = new PendingReports();
            _queue.Abandon(ref reports);
            Emit(ref reports);
            _system.HandlerFailed(this, "sink", ex);
        }
    }

    private void ScheduleRestart()
    {
        TimeSpan? after = Volatile.Read(ref _config).Overload.OverloadKillRestartAfter;
        if (after is null || Volatile.Read(ref _removed) == 1)
        {
            return;
        }
        _restartTimer?.Dispose();
        _restartTimer = _system.Time.CreateTimer(_ => Restart(), null, after.Value, Timeout.InfiniteTimeSpan);
    }

    private void Restart()
    {
        if (Volatile.Read(ref _removed) == 1)
        {
            return;
        }
        ILogSink sink;
        try
        {
            sink = Volatile.Read(ref _config).Sink();
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _system.HandlerFailed(this, "sink factory at restart", ex);
            return;
        }
        var reports = new PendingReports();
        int generation = _queue.Revive(ref reports);
        StartWriter(generation, sink);
        Emit(ref reports);
    }

    private void Emit(ref PendingReports reports)
    {
        for (int i = 0; i < reports.Count; i++)
        {
            _system.ReportOverload(this, reports[i]);
        }
        if (reports.ModeSummaryDueIn is { } due)
        {
            ScheduleModeSummary(due);
        }
    }

    /// <summary>
    /// Called once per summary (by the thread that held back the first mode change since the last one).
    /// Under the lock Stop disposes the timer with, so a stopping handler neither has its timer changed
    /// after disposal (which throws into the producer's Log call) nor gets a new one that is never disposed.
    /// </summary>
    private void ScheduleModeSummary(TimeSpan due)
    {
        lock (_modeSummaryTimerLock)
        {
            if (Volatile.Read(ref _removed) == 1)
            {
                return;
            }
            _modeSummaryTimer ??= _system.Time.CreateTimer(_ => OnModeSummaryDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _modeSummaryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnModeSummaryDue()
    {
        if (Volatile.Read(ref _removed) == 0)
        {
            ReportModeSummary();
        }
    }

    private void ReportModeSummary()
    {
        if (_queue.TakeModeSummary(out ModeChangeSummary summary))
        {
            _system.ReportModeSummary(this, summary);
        }
    }

    private static void DisposeQuietly(ILogSink sink)
    {
        try
        {
            sink.Dispose();
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            // The sink is being abandoned; a failure to close it has no one left to tell.
        }
    }
}
