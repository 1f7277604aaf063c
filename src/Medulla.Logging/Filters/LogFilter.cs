
namespace Medulla.Logging;

/// <summary>
/// A named filter: a function of (event, extra) returning log, stop or ignore. A filter that throws is
/// removed from its chain, reported once, and the event is treated as ignored.
/// </summary>
/// <param name="Id">Name, unique within its chain; used in reports.</param>
/// <param name="Function">The decision.</param>
/// <param name="Extra">Argument passed to every call.</param>
public sealed record LogFilter(string Id, Func<LogEvent, object?, FilterResult> Function, object? Extra = null)
{
    /// <summary>Runs the filter.</summary>
    public FilterResult Apply(LogEvent logEvent) => Function(logEvent, Extra);
}
