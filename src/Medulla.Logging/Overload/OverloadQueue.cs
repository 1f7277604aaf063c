
namespace Medulla.Logging;

/// <summary>Outcome of offering a record to the queue.</summary>
internal enum EnqueueOutcome
{
    Queued,
    QueuedMustWait,
    Dropped,
    Killed,
    Closed,
}

/// <summary>What the writer thread should do next.</summary>
internal enum WriterStep
{
    Batch,
    Flush,
    Stop,
    Stale,
}

/// <summary>
/// A handler's queue of formatted records with OTP-style overload protection. Producers copy records in
/// under one short spin lock (<see cref="QueueGate"/>); the single writer takes everything queued at
/// once, so a batch is as large as the backlog. All mode decisions and counts are made under the same
/// gate, so they are exact.
/// </summary>
/// <remarks>
/// Threads that wait (the writer for work, sync-mode callers for room, flushers for the writer) do so on
/// the monitor <c>_sleep</c>: a waiter holds it from the moment it checks the state under the gate until
/// <see cref="Monitor.Wait(object, TimeSpan)"/> releases it, and a thread that changed the state takes it,
/// after leaving the gate, to pulse; so no wake-up is lost. Lock order: the monitor, then the gate.
/// </remarks>
internal sealed class OverloadQueue
{
    private const int MaxPooledSegments = 16;

    /// <summary>
    /// After a batch the writer lingers this long for the next one instead of sleeping until woken:
    /// waking a sleeping thread costs a futex system call, and under load that would be paid for
    /// nearly every event. An idle writer (nothing arrived while lingering) sleeps until woken.
    /// </summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// While the writer lingers, producers wake it early only once this many events are queued (or the
    /// sync threshold, if lower): large batches keep the writer's core away from the memory the caller
    /// is writing, and cost the caller nothing.
    /// </summary>
    private const int LingerWakeQueueLength = 4096;

    private readonly QueueGate _gate = new();
    private readonly object _sleep = new();
    private bool _wakePending;
    private int _sleepers;
    /// <summary>
    /// Written segments come back here and are reused oldest first: the newest was just read by the
    /// writer on another core, and writing into memory another core holds in its cache costs a
    /// cache-line transfer per line (a last-in-first-out pool measured about 10% slower).
    /// </summary>
    private readonly Queue<RecordSegment> _free = new();
    private readonly TimeProvider _time;
    private OverloadOptions _options;

    private RecordSegment? _head;
    private RecordSegment? _tail;
    private int _count;
    private long _bytes;
    private OverloadMode _mode;
    private long _droppedInDropMode;
    private readonly ModeChangeReports _modeReports = new();

    private bool _windowStarted;
    private long _windowStart;
    private int _windowCount;
    private long _burstDropped;

    private bool _killed;
    private long _droppedWhileKilled;
    private int _generation;
    private bool _closed;
    /// <summary>Whatever was unwritten when the handler gave up is counted lost; later completions count nothing.</summary>
    private bool _abandoned;

    private bool _writerWaiting;
    private bool _writerLingering;
    private int _producersWaiting;
    private int _observersWaiting;

    private long _accepted;
    private long _completed;
    private long _flushRequested;
    private long _flushTarget;
    private long _flushDone;

    private long _totalDropped;
    private long _totalFlushed;
    private long _totalHandled;
    private long _offered;
    private long _lost;

    internal OverloadQueue(OverloadOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    internal OverloadMode Mode { get { using (Hold()) { return _mode; } } }
    internal int QueueLength { get { using (Hold()) { return _count; } } }
    internal long TotalDropped { get { using (Hold()) { return _totalDropped; } } }
    internal long TotalFlushed { get { using (Hold()) { return _totalFlushed; } } }
    internal long TotalHandled { get { using (Hold()) { return _totalHandled; } } }
    internal long Offered { get { using (Hold()) { return _offered; } } }
    internal long Lost { get { using (Hold()) { return _lost; } } }
    internal int Generation { get { using (Hold()) { return _generation; } } }
    internal bool IsKilled { get { using (Hold()) { return _killed; } } }

    internal void SetOptions(OverloadOptions options)
    {
        using (Hold())
        {
            _options = options;
            Wake();
        }
    }

    /// <summary>Offers one record. Reports to emit are added to <paramref name="reports"/>.</summary>
    internal EnqueueOutcome Enqueue(ReadOnlySpan<byte> record, Level level, bool force, ref PendingReports reports)
    {
        using (Hold())
        {
            _offered++;
            if (_closed)
            {
                _lost++;
                return EnqueueOutcome.Closed;
            }
            if (_killed)
            {
                _droppedWhileKilled++;
                _totalDropped++;
                return EnqueueOutcome.Dropped;
            }
            OverloadOptions o = _options;
            if (!force)
            {
                if (o.BurstLimitEnabled && !AdmitBurst(o, ref reports))
                {
                    return EnqueueOutcome.Dropped;
                }
                if (_count >= o.FlushQueueLength)
                {
                    int flushed = _count;
                    DiscardQueued();
                    _totalFlushed += flushed;
                    reports.Add(new OverloadReport(OverloadReportKind.Flushed, _mode, _mode, flushed, flushed, 0));
                }
                OverloadMode mode = _count >= o.DropModeQueueLength ? OverloadMode.Drop
                    : _count >= o.SyncModeQueueLength ? OverloadMode.Sync
                    : OverloadMode.Async;
                if (mode != _mode)
                {
                    long dropped = _mode == OverloadMode.Drop ? _droppedInDropMode : 0;
                    if (_modeReports.ReportNow(_time, o.ModeChangeReportInterval, mode, dropped, out TimeSpan? summaryDueIn))
                    {
                        reports.Add(new OverloadReport(OverloadReportKind.ModeChanged, _mode, mode, dropped, _count, _bytes));
                    }
                    reports.ModeSummaryDueIn ??= summaryDueIn;
                    _droppedInDropMode = 0;
                    _mode = mode;
                }
                if (_mode == OverloadMode.Drop)
                {
                    _droppedInDropMode++;
                    _totalDropped++;
                    return EnqueueOutcome.Dropped;
                }
            }
            Append(record, level);
            if (o.OverloadKillEnabled && (_count >= o.OverloadKillQueueLength || _bytes >= o.OverloadKillMemorySize))
            {
                reports.Add(new OverloadReport(OverloadReportKind.Killed, _mode, OverloadMode.Async, _count, _count, _bytes));
                Kill();
                return EnqueueOutcome.Killed;
            }
            if (_writerWaiting && (!_writerLingering || _count >= WakeQueueLength(o)))
            {
                _writerWaiting = false;
                Wake();
            }
            return _mode == OverloadMode.Sync && !force ? EnqueueOutcome.QueuedMustWait : EnqueueOutcome.Queued;
        }
    }

    /// <summary>Sync mode: blocks the caller until the queue falls below the sync threshold.</summary>
    internal void WaitBelowSyncThreshold()
    {
        lock (_sleep)
        {
            using (Hold())
            {
                while (_count >= _options.SyncModeQueueLength && !_closed && !_killed)
                {
                    _producersWaiting++;
                    try
                    {
                        Sleep(Timeout.InfiniteTimeSpan);
                    }
                    finally
                    {
                        _producersWaiting--;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writer side: waits for work. Returns a batch (ownership passes to the caller until
    /// <see cref="Complete"/>), a flush to perform, or the end.
    /// </summary>
    internal WriterStep Next(int generation, TimeSpan idleFlushDelay, bool dirty, bool linger, out RecordSegment? first, out int count)
    {
        first = null;
        count = 0;
        lock (_sleep)
        {
            using (Hold())
            {
                while (true)
                {
                    if (generation != _generation)
                    {
                        return WriterStep.Stale;
                    }
                    if (_flushRequested > _flushDone && _completed >= _flushTarget)
                    {
                        return WriterStep.Flush;
                    }
                    // Right after a batch, a small backlog waits up to the linger time to grow into a
                    // large batch (unless it is already large, or someone waits for a flush or close).
                    bool takeNow = !linger || _closed || _producersWaiting > 0 || _flushRequested > _flushDone
                        || _count >= WakeQueueLength(_options);
                    if (_count > 0 && takeNow)
                    {
                        first = _head;
                        count = _count;
                        _head = _tail = null;
                        _count = 0;
                        _bytes = 0;
                        if (_producersWaiting > 0)
                        {
                            Wake();
                        }
                        return WriterStep.Batch;
                    }
                    if (_closed)
                    {
                        return WriterStep.Stop;
                    }
                    bool woken;
                    _writerWaiting = true;
                    _writerLingering = linger;
                    try
                    {
                        woken = Sleep(_writerLingering ? Linger : dirty ? idleFlushDelay : Timeout.InfiniteTimeSpan);
                    }
                    finally
                    {
                        _writerWaiting = false;
                        _writerLingering = false;
                    }
                    if (!woken && linger)
                    {
                        // The linger time is over: take what is there, or, if nothing came, sleep until woken.
                        linger = false;
                    }
                    else if (!woken && dirty && _count == 0)
                    {
                        return WriterStep.Flush;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Writer side: the batch was <paramref name="written"/>, or the sink threw on it and it is lost;
    /// segments go back to the pool.
    /// </summary>
    internal void Complete(RecordSegment? first, int count, bool written)
    {
        using (Hold())
        {
            if (!_abandoned)
            {
                _completed += count;
                if (written)
                {
                    _totalHandled += count;
                }
                else
                {
                    _lost += count;
                }
            }
            Recycle(first);
            if (_observersWaiting > 0)
            {
                Wake();
            }
        }
    }

    /// <summary>Writer side: a flush the writer started has finished.</summary>
    internal void FlushCompleted(long upTo)
    {
        using (Hold())
        {
            if (upTo > _flushDone)
            {
                _flushDone = upTo;
            }
            if (_observersWaiting > 0)
            {
                Wake();
            }
        }
    }

    /// <summary>The flush request number the writer is about to satisfy.</summary>
    internal long FlushRequestNumber { get { using (Hold()) { return _flushRequested; } } }

    /// <summary>
    /// Waits until everything accepted so far has been written and the sink flushed once after that.
    /// Returns false on timeout (<see cref="Timeout.InfiniteTimeSpan"/>: no timeout) or when the handler
    /// gave up on some of those events.
    /// </summary>
    internal bool Flush(TimeSpan timeout)
    {
        var deadline = new WaitDeadline(timeout);
        lock (_sleep)
        {
            using (Hold())
            {
                long request = ++_flushRequested;
                _flushTarget = _accepted;
                Wake();
                while (_flushDone < request && !_killed && !_abandoned)
                {
                    TimeSpan left = deadline.Left;
                    if (left == TimeSpan.Zero)
                    {
                        return false;
                    }
                    _observersWaiting++;
                    try
                    {
                        Sleep(left);
                    }
                    finally
                    {
                        _observersWaiting--;
                    }
                }
                return _flushDone >= request;
            }
        }
    }

    /// <summary>The mode changes held back from reporting since the last summary, if any.</summary>
    internal bool TakeModeSummary(out ModeChangeSummary summary)
    {
        using (Hold())
        {
            return _modeReports.TakeSummary(_time, _mode, _count, out summary);
        }
    }

    /// <summary>An event that passed the handler's filters but never reached the queue (its formatter threw).</summary>
    internal void LoseUnqueued()
    {
        using (Hold())
        {
            _offered++;
            _lost++;
        }
    }

    /// <summary>No more records are accepted; the writer drains what is queued and stops.</summary>
    internal void Close(ref PendingReports reports)
    {
        using (Hold())
        {
            CloseHeld(ref reports);
        }
    }

    /// <summary>
    /// The handler gives up (its sink failed, or stopping timed out): the queue is closed, and everything
    /// accepted but not yet written, queued or in a writer's hands, is counted lost. Returns that number.
    /// </summary>
    internal long Abandon(ref PendingReports reports)
    {
        using (Hold())
        {
            CloseHeld(ref reports);
            if (_abandoned)
            {
                return 0;
            }
            _abandoned = true;
            Recycle(_head);
            _head = _tail = null;
            _count = 0;
            _bytes = 0;
            long unwritten = _accepted - _completed;
            _completed = _accepted;
            _lost += unwritten;
            Wake();
            return unwritten;
        }
    }

    private void CloseHeld(ref PendingReports reports)
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        // A removed handler is kept for its counts; its pooled segments are not needed any more.
        _free.Clear();
        if (_mode == OverloadMode.Drop && _droppedInDropMode > 0)
        {
            reports.Add(new OverloadReport(OverloadReportKind.DroppedAtClose, _mode, _mode, _droppedInDropMode, _count, _bytes));
        }
        if (_burstDropped > 0)
        {
            reports.Add(new OverloadReport(OverloadReportKind.BurstLimited, _mode, _mode, _burstDropped, _count, _bytes));
            _burstDropped = 0;
        }
        Wake();
    }

    /// <summary>Overload kill: queued records are discarded and the current writer becomes stale.</summary>
    private void Kill()
    {
        long lost = _count;
        DiscardQueued();
        _totalDropped += lost;
        _killed = true;
        _droppedWhileKilled = 0;
        _mode = OverloadMode.Async;
        _droppedInDropMode = 0;
        _generation++;
        Wake();
    }

    /// <summary>Restart after a kill; returns the generation the new writer must use.</summary>
    internal int Revive(ref PendingReports reports)
    {
        using (Hold())
        {
            reports.Add(new OverloadReport(OverloadReportKind.Restarted, OverloadMode.Async, OverloadMode.Async, _droppedWhileKilled, 0, 0));
            _killed = false;
            _droppedWhileKilled = 0;
            return _generation;
        }
    }

    private bool AdmitBurst(OverloadOptions o, ref PendingReports reports)
    {
        long now = _time.GetTimestamp();
        if (!_windowStarted || _time.GetElapsedTime(_windowStart, now) >= o.BurstLimitWindow)
        {
            if (_burstDropped > 0)
            {
                reports.Add(new OverloadReport(OverloadReportKind.BurstLimited, _mode, _mode, _burstDropped, _count, _bytes));
            }
            _windowStarted = true;
            _windowStart = now;
            _windowCount = 0;
            _burstDropped = 0;
        }
        if (++_windowCount > o.BurstLimitMaxCount)
        {
            _burstDropped++;
            _totalDropped++;
            return false;
        }
        return true;
    }

    private void Append(ReadOnlySpan<byte> record, Level level)
    {
        if (_tail is null || !_tail.HasRoomFor(record.Length))
        {
            RecordSegment segment = record.Length <= RecordSegment.DefaultBytes
                ? (_free.Count > 0 ? _free.Dequeue() : new RecordSegment())
                : new RecordSegment(record.Length, 1);
            if (_tail is null)
            {
                _head = segment;
            }
            else
            {
                _tail.Next = segment;
            }
            _tail = segment;
        }
        _tail.Append(record, level);
        _count++;
        _bytes += record.Length;
        _accepted++;
    }

    private void DiscardQueued()
    {
        _completed += _count;
        Recycle(_head);
        _head = _tail = null;
        _count = 0;
        _bytes = 0;
        Wake();
    }

    private void Recycle(RecordSegment? segment)
    {
        while (segment is not null)
        {
            RecordSegment? next = segment.Next;
            segment.Reset();
            if (segment.IsStandardSize && _free.Count < MaxPooledSegments && !_closed)
            {
                _free.Enqueue(segment);
            }
            segment = next;
        }
    }

    private static int WakeQueueLength(OverloadOptions o) => Math.Min(LingerWakeQueueLength, Math.Max(1, o.SyncModeQueueLength / 2));

    /// <summary>Under the gate: the state changed in a way a waiter may wait for; they are woken when the gate is left.</summary>
    private void Wake() => _wakePending = true;

    private GateHold Hold()
    {
        _gate.Enter();
        return new GateHold(this);
    }

    /// <summary>Leaves the gate, then wakes the waiters if <see cref="Wake"/> was called and someone sleeps.</summary>
    private void Leave()
    {
        bool wake = _wakePending && _sleepers > 0;
        _wakePending = false;
        _gate.Exit();
        if (wake)
        {
            // All of them: the writer, sync-mode callers and flushers share the monitor, and which of
            // them a change concerns is not known here. Wake-ups are rare: per batch, not per event.
            lock (_sleep)
            {
                Monitor.PulseAll(_sleep);
            }
        }
    }

    /// <summary>Called holding the monitor and the gate: leaves the gate, waits, enters it again. True if pulsed.</summary>
    private bool Sleep(TimeSpan timeout)
    {
        _sleepers++;
        Leave();
        try
        {
            return Monitor.Wait(_sleep, timeout);
        }
        finally
        {
            _gate.Enter();
            _sleepers--;
        }
    }

    /// <summary>The gate held for a <c>using</c> block.</summary>
    private readonly ref struct GateHold(OverloadQueue queue)
    {
        public void Dispose() => queue.Leave();
    }
}
