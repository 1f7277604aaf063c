using System.Diagnostics.Metrics;

namespace Medulla.Heart.Tests.Support;

/// <summary>
/// Listens to the instruments of one meter factory's meters (so tests running in parallel, each with its
/// own host, do not see each other's measurements): counter totals, and waits for a total to be reached.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly Dictionary<string, double> _last = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MetricRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (_lock)
            {
                _last[instrument.Name] = value;
            }
        });
        _listener.Start();
    }

    public long Total(string name)
    {
        lock (_lock)
        {
            return _totals.GetValueOrDefault(name);
        }
    }

    /// <summary>Polls the observable instruments and returns the last value of <paramref name="name"/>, or null.</summary>
    public double? Observe(string name)
    {
        _listener.RecordObservableInstruments();
        lock (_lock)
        {
            return _last.TryGetValue(name, out double value) ? value : null;
        }
    }

    /// <summary>Waits until the counter <paramref name="name"/> totals at least <paramref name="count"/>.</summary>
    public async Task WaitForTotalAsync(string name, long count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_totals.GetValueOrDefault(name) >= count)
                {
                    return;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{name}: total {Total(name)}, not {count}, within {timeout.TotalSeconds} s");
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string name, long value)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _totals[name] = _totals.GetValueOrDefault(name) + value;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }
}
