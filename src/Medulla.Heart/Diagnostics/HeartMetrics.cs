using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.Heart;

/// <summary>
/// The heart's System.Diagnostics.Metrics instruments: beats sent, beats withheld by the health gate, and
/// the time the connected heart has left before its heartbeat timeout. One set per meter: the process-wide
/// meter without a host, the host's <see cref="IMeterFactory"/> meter with one (which returns the same
/// meter for the same name, so every client and service of one host shares one set of instruments).
/// </summary>
internal sealed class HeartMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.Heart";

    private static readonly InstrumentsPerMeter<HeartMetrics> Instruments = new(MeterName, static meter => new HeartMetrics(meter));

    private readonly Counter<long> _sent;
    private readonly Counter<long> _withheld;
    private readonly Lock _lock = new();
    private readonly List<HeartClient> _clients = [];

    private HeartMetrics(Meter meter)
    {
        _sent = meter.CreateCounter<long>("medulla.heart.beats.sent", "{beat}", "Beats written to medulla-heart");
        _withheld = meter.CreateCounter<long>("medulla.heart.beats.withheld", "{beat}", "Beats not sent because a gating health check reported Unhealthy");
        meter.CreateObservableGauge("medulla.heart.time_left", ObserveTimeLeft, "s",
            "Heartbeat timeout minus the time since the last beat sent: how long until medulla-heart reboots if no beat comes");
    }

    /// <summary>The instruments of the factory's meter, or of the process-wide meter when there is no factory.</summary>
    public static HeartMetrics For(IMeterFactory? factory) => Instruments.For(factory);

    public void BeatSent() => _sent.Add(1);

    public void BeatWithheld() => _withheld.Add(1);

    /// <summary>Reports the client's time left while it is connected; <see cref="Untrack"/> ends that.</summary>
    public void Track(HeartClient client)
    {
        lock (_lock)
        {
            _clients.Add(client);
        }
    }

    public void Untrack(HeartClient client)
    {
        lock (_lock)
        {
            _clients.Remove(client);
        }
    }

    private IEnumerable<Measurement<double>> ObserveTimeLeft()
    {
        HeartClient[] clients;
        lock (_lock)
        {
            clients = [.. _clients];
        }
        foreach (HeartClient client in clients)
        {
            if (client.IsConnected)
            {
                yield return new Measurement<double>(client.TimeLeft.TotalSeconds,
                    new KeyValuePair<string, object?>("heart.pid", client.DaemonProcessId));
            }
        }
    }
}
