using System.Diagnostics.Metrics;

namespace Medulla.Logging;

/// <summary>
/// System.Diagnostics.Metrics instruments for every handler of a <see cref="LogSystem"/>, tagged with
/// the handler id (removed handlers keep their final counts): queue length, and offered, handled (written), dropped, flushed and lost event counts.
/// </summary>
internal sealed class LoggingMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.Logging";

    private readonly Meter _meter;

    internal LoggingMetrics(LogSystem system)
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableGauge("medulla.logging.queue.length", () => Measure(system, s => s.QueueLength), "{event}", "Events waiting for a handler's writer");
        _meter.CreateObservableCounter("medulla.logging.events.handled", () => Measure(system, s => s.Handled), "{event}", "Events written by a handler's sink");
        _meter.CreateObservableCounter("medulla.logging.events.dropped", () => Measure(system, s => s.Dropped), "{event}", "Events dropped by overload protection");
        _meter.CreateObservableCounter("medulla.logging.events.flushed", () => Measure(system, s => s.Flushed), "{event}", "Events discarded by overload flushes");
        _meter.CreateObservableCounter("medulla.logging.events.offered", () => Measure(system, s => s.Offered), "{event}", "Events that reached a handler's queue");
        _meter.CreateObservableCounter("medulla.logging.events.lost", () => Measure(system, s => s.Lost), "{event}", "Events offered to a handler that were neither written, dropped nor flushed");
    }

    private static IEnumerable<Measurement<long>> Measure(LogSystem system, Func<HandlerStatus, long> value)
    {
        foreach (HandlerStatus status in system.HandlerStatuses())
        {
            yield return new Measurement<long>(value(status), new KeyValuePair<string, object?>("handler.id", status.Id));
        }
    }

    public void Dispose() => _meter.Dispose();
}
