namespace Medulla.Logging;

/// <summary>
/// Decides which of a handler's mode changes are reported at once and sums the others into one report
/// per interval, so that a handler flapping between async and sync mode under a flood does not fill the
/// log it protects with notices (OTP reports its drops periodically for the same reason). In an interval
/// that follows a calm one, the first two changes (into an overload and out of it) are reported at once;
/// later changes are counted and summed into one report when the interval ends. Intervals start at a
/// change; one is calm when it held nothing back, or when a whole interval passed without changes.
/// Used under the queue's gate.
/// </summary>
internal sealed class ModeChangeReports
{
    private const int ReportedAtOnce = 2;

    private bool _started;
    private long _intervalStart;
    private int _atOnceLeft;
    private bool _heldBackInInterval;

    private bool _summaryDue;
    private long _summaryStart;
    private int _toSync;
    private int _toDrop;
    private int _toAsync;
    private long _dropped;

    /// <summary>
    /// A mode change to <paramref name="to"/>, ending drop mode with <paramref name="dropped"/> events
    /// dropped. True: report it now. False: it is counted for the summary; <paramref name="summaryDueIn"/>
    /// is then set when the summary needs to be scheduled (the first change held back since the last one).
    /// </summary>
    internal bool ReportNow(TimeProvider time, TimeSpan interval, OverloadMode to, long dropped, out TimeSpan? summaryDueIn)
    {
        summaryDueIn = null;
        long now = time.GetTimestamp();
        TimeSpan sinceStart = _started ? time.GetElapsedTime(_intervalStart, now) : TimeSpan.Zero;
        if (!_started || sinceStart >= interval)
        {
            bool calm = !_started || !_heldBackInInterval || sinceStart - interval >= interval; // twice the interval, without overflow for a huge one
            _started = true;
            _intervalStart = now;
            _atOnceLeft = calm ? ReportedAtOnce : 0;
            _heldBackInInterval = false;
            sinceStart = TimeSpan.Zero;
        }
        if (_atOnceLeft > 0)
        {
            _atOnceLeft--;
            return true;
        }
        _heldBackInInterval = true;
        switch (to)
        {
            case OverloadMode.Sync: _toSync++; break;
            case OverloadMode.Drop: _toDrop++; break;
            default: _toAsync++; break;
        }
        _dropped += dropped;
        if (!_summaryDue)
        {
            _summaryDue = true;
            _summaryStart = _intervalStart;
            summaryDueIn = interval - sinceStart;
        }
        return false;
    }

    /// <summary>Takes the sum of the changes held back since the last summary; false if there were none.</summary>
    internal bool TakeSummary(TimeProvider time, OverloadMode mode, int queueLength, out ModeChangeSummary summary)
    {
        if (!_summaryDue)
        {
            summary = default;
            return false;
        }
        summary = new ModeChangeSummary(_toSync, _toDrop, _toAsync, _dropped, time.GetElapsedTime(_summaryStart), mode, queueLength);
        _summaryDue = false;
        _toSync = _toDrop = _toAsync = 0;
        _dropped = 0;
        return true;
    }
}

/// <summary>Mode changes that were not reported one by one, over <paramref name="Span"/>, and the mode now.</summary>
internal readonly record struct ModeChangeSummary(
    int ToSync, int ToDrop, int ToAsync, long Dropped, TimeSpan Span, OverloadMode Mode, int QueueLength)
{
    internal int Changes => ToSync + ToDrop + ToAsync;
}
