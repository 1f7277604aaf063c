using System.Diagnostics.Metrics;

namespace Medulla.Logging;

/// <summary>
/// System.Diagnostics.Metrics instruments for every handler of a <see cref="LogSystem"/>, tagged with
/// the handler id (removed handlers keep their final counts): queue length, and offered, handled (written), dropped, flushed and lost event counts.
/// </summary>
/// <remarks>
/// In a host the meter comes from its <see cref="IMeterFactory"/>, which owns it (and returns the same
/// meter to every caller asking for the same name): once the system is disposed its instruments there
/// report nothing. Without a host the system has a meter of its own, disposed with it.
/// </remarks>
internal sealed class LoggingMetrics : IDisposable
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.Logging";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private volatile bool _disposed;

    internal LoggingMetrics(LogSystem system, IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("medulla.logging.queue.length", () => Measure(system, s => s.QueueLength), "{event}", "Events waiting for a handler's writer");
        _meter.CreateObservableCounter("medulla.logging.events.handled", () => Measure(system, s => s.Handled), "{event}", "Events written by a handler's sink");
        _meter.CreateObservableCounter("medulla.logging.events.dropped", () => Measure(system, s => s.Dropped), "{event}", "Events dropped by overload protection");
        _meter.CreateObservableCounter("medulla.logging.events.flushed", () => Measure(system, s => s.Flushed), "{event}", "Events discarded by overload flushes");
        _meter.CreateObservableCounter("medulla.logging.events.offered", () => Measure(system, s => s.Offered), "{event}", "Events that reached a handler's queue");
        _meter.CreateObservableCounter("medulla.logging.events.lost", () => Measure(system, s => s.Lost), "{event}", "Events offered to a handler that were neither written, dropped nor flushed");
    }

    /// <summary>The meter the instruments are on.</summary>
    internal Meter Meter => _meter;

    private IEnumerable<Measurement<long>> Measure(LogSystem system, Func<HandlerStatus, long> value)
    {
        if (_disposed)
        {
            yield break;
        }
        foreach (HandlerStatus status in system.HandlerStatuses())
        {
            yield return new Measurement<long>(value(status), new KeyValuePair<string, object?>("handler.id", status.Id));
        }
    }

    public void Dispose()
    {
        _disposed = true;
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
