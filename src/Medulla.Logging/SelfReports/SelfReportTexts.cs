using System.Globalization;

namespace Medulla.Logging;

/// <summary>
/// The words and structured properties of Medulla.Logging's reports about itself (overload, failures,
/// losses), kept apart from the pipeline so they read as one vocabulary and change in one place.
/// </summary>
internal static class SelfReportTexts
{
    internal static string Counts(HandlerStatus s) =>
        $"offered {s.Offered}: written {s.Handled}, dropped {s.Dropped}, flushed {s.Flushed}, lost {s.Lost}";

    internal static string FilterRemoved(string handlerId, LogFilter filter, Exception ex) =>
        $"handler '{handlerId}': filter '{filter.Id}' removed after it threw {ex.GetType().Name}: {ex.Message}";

    internal static string PrimaryFilterRemoved(LogFilter filter, Exception ex) =>
        $"primary filter '{filter.Id}' removed after it threw {ex.GetType().Name}: {ex.Message}";

    internal static string HandlerRemoved(string handlerId, string part, Exception ex, HandlerStatus s) =>
        $"handler '{handlerId}' removed: its {part} threw {ex.GetType().Name}: {ex.Message}; {Counts(s)}";

    internal static string EventAfterStop(string handlerId, HandlerStatus s) =>
        $"handler '{handlerId}': an event arrived after the handler stopped and was lost; {Counts(s)}";

    internal static string NotWrittenAtStop(string handlerId, long lost, HandlerStatus s) =>
        $"handler '{handlerId}': {lost} events could not be written within the shutdown timeout; {Counts(s)}";

    internal static string LateEventsAtStop(string handlerId, HandlerStatus s) =>
        $"handler '{handlerId}': stopped; events that arrived while it was stopping were lost; {Counts(s)}";

    internal static string UnhandledException(Exception? ex) =>
        $"unhandled exception, the process is ending: {ex?.Message}";

    internal static string Overload(string id, in OverloadReport r, OverloadOptions o) => r.Kind switch
    {
        OverloadReportKind.ModeChanged when r.Count > 0 =>
            $"handler '{id}': {Name(r.From)} mode -> {Name(r.To)} mode at queue length {r.QueueLength}; {r.Count} events were dropped in drop mode",
        OverloadReportKind.ModeChanged =>
            $"handler '{id}': {Name(r.From)} mode -> {Name(r.To)} mode at queue length {r.QueueLength}",
        OverloadReportKind.Flushed =>
            $"handler '{id}': flushed {r.Count} queued events (queue length reached {o.FlushQueueLength})",
        OverloadReportKind.BurstLimited =>
            $"handler '{id}': burst limit dropped {r.Count} events (limit {o.BurstLimitMaxCount} per {Milliseconds(o.BurstLimitWindow)} ms)",
        OverloadReportKind.Killed =>
            $"handler '{id}': overload kill with {r.Count} queued events ({r.Bytes} bytes) discarded; " +
            (o.OverloadKillRestartAfter is { } after ? $"restart in {Milliseconds(after)} ms" : "no restart"),
        OverloadReportKind.Restarted =>
            $"handler '{id}': restarted after overload kill; {r.Count} events were dropped while it was down",
        OverloadReportKind.DroppedAtClose =>
            $"handler '{id}': {r.Count} events were dropped in drop mode before it stopped",
        _ => $"handler '{id}': {r.Kind}",
    };

    internal static KeyValuePair<string, object?>[] OverloadProperties(string id, in OverloadReport r) =>
    [
        new("handler", id),
        new("report", ReportName(r.Kind)),
        new("mode_from", Name(r.From)),
        new("mode_to", Name(r.To)),
        new("count", r.Count),
        new("queue_length", r.QueueLength),
    ];

    internal static string ModeSummary(string id, in ModeChangeSummary s) =>
        $"handler '{id}': {s.Changes} more mode changes in {(long)s.Span.TotalMilliseconds} ms " +
        $"({s.ToSync} to sync, {s.ToDrop} to drop, {s.ToAsync} to async)" +
        (s.Dropped > 0 ? $"; {s.Dropped} events were dropped in drop mode" : "") +
        $"; now {Name(s.Mode)} mode at queue length {s.QueueLength}";

    internal static KeyValuePair<string, object?>[] ModeSummaryProperties(string id, in ModeChangeSummary s) =>
    [
        new("handler", id),
        new("report", "mode_changes"),
        new("mode_to", Name(s.Mode)),
        new("count", s.Changes),
        new("to_sync", s.ToSync),
        new("to_drop", s.ToDrop),
        new("to_async", s.ToAsync),
        new("dropped", s.Dropped),
        new("queue_length", s.QueueLength),
    ];

    private static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);

    private static string Name(OverloadMode mode) => mode switch
    {
        OverloadMode.Sync => "sync",
        OverloadMode.Drop => "drop",
        _ => "async",
    };

    private static string ReportName(OverloadReportKind kind) => kind switch
    {
        OverloadReportKind.ModeChanged => "mode_change",
        OverloadReportKind.Flushed => "flush",
        OverloadReportKind.BurstLimited => "burst_limit",
        OverloadReportKind.Killed => "overload_kill",
        OverloadReportKind.Restarted => "restart",
        _ => "drop_at_close",
    };
}
