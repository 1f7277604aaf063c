using Medulla.Logging.Overload;

namespace Medulla.Logging.Handlers;

/// <summary>A handler's overload state and counters at one moment.</summary>
/// <param name="Id">Handler name.</param>
/// <param name="Mode">Current overload mode.</param>
/// <param name="QueueLength">Events waiting for the writer.</param>
/// <param name="Handled">Events handed to the sink (or discarded by a flush).</param>
/// <param name="Dropped">Events dropped (drop mode, burst limit, overload kill).</param>
/// <param name="Flushed">Events discarded by flushes.</param>
/// <param name="Killed">Whether the handler is down after an overload kill.</param>
public readonly record struct HandlerStatus(
    string Id, OverloadMode Mode, int QueueLength, long Handled, long Dropped, long Flushed, bool Killed);
