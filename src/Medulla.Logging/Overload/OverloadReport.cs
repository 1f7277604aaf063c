namespace Medulla.Logging;

/// <summary>Kinds of overload events a handler reports.</summary>
internal enum OverloadReportKind
{
    ModeChanged,
    Flushed,
    BurstLimited,
    Killed,
    Restarted,
    DroppedAtClose,
}

/// <summary>One thing the overload protection did, with its counts; turned into a notice event.</summary>
internal readonly record struct OverloadReport(
    OverloadReportKind Kind,
    OverloadMode From,
    OverloadMode To,
    long Count,
    int QueueLength,
    long Bytes);

/// <summary>Reports gathered under the queue lock and emitted after it is released.</summary>
internal struct PendingReports
{
    private OverloadReport _a;
    private OverloadReport _b;
    private OverloadReport _c;

    internal int Count { get; private set; }

    /// <summary>Set when mode changes were held back: when the summary of them is due.</summary>
    internal TimeSpan? ModeSummaryDueIn { get; set; }

    internal void Add(in OverloadReport report)
    {
        switch (Count)
        {
            case 0: _a = report; break;
            case 1: _b = report; break;
            case 2: _c = report; break;
            default: return;
        }
        Count++;
    }

    internal readonly OverloadReport this[int index] => index switch
    {
        0 => _a,
        1 => _b,
        _ => _c,
    };
}
