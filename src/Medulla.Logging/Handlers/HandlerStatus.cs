
namespace Medulla.Logging;

/// <summary>
/// A handler's overload state and counters at one moment. Every event offered to the handler ends in
/// exactly one of the counters, so once the queue is empty
/// <c>Handled + Dropped + Flushed + Lost == Offered</c>.
/// </summary>
/// <param name="Id">Handler name.</param>
/// <param name="Mode">Current overload mode.</param>
/// <param name="QueueLength">Events waiting for the writer.</param>
/// <param name="Handled">Events the sink wrote (the "written" count).</param>
/// <param name="Dropped">Events dropped (drop mode, burst limit, overload kill).</param>
/// <param name="Flushed">Events discarded by flushes.</param>
/// <param name="Killed">Whether the handler is down after an overload kill.</param>
/// <param name="Offered">Events that reached the handler's queue (passed its level and filters).</param>
/// <param name="Lost">
/// Events that were offered but neither written, dropped nor flushed: in a batch the sink threw on, queued
/// behind a failed sink or a shutdown timeout, not formatted because the formatter threw, or arriving
/// after the handler stopped.
/// </param>
public readonly record struct HandlerStatus(
    string Id, OverloadMode Mode, int QueueLength, long Handled, long Dropped, long Flushed, bool Killed, long Offered, long Lost);
