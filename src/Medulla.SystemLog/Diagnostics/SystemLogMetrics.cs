using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.SystemLog;

/// <summary>
/// The system log's System.Diagnostics.Metrics instruments, tagged <c>systemlog.source</c> = <c>kmsg</c> or
/// <c>syslog</c>. One set per meter: the process-wide meter without a host, the host's
/// <see cref="IMeterFactory"/> meter with one.
/// </summary>
internal sealed class SystemLogMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.SystemLog";

    private static readonly InstrumentsPerMeter<SystemLogMetrics> Instruments = new(MeterName, static meter => new SystemLogMetrics(meter));
    private static readonly KeyValuePair<string, object?> Kmsg = new("systemlog.source", "kmsg");
    private static readonly KeyValuePair<string, object?> Syslog = new("systemlog.source", "syslog");

    private readonly Counter<long> _received;
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _lost;
    private readonly Counter<long> _truncated;

    private SystemLogMetrics(Meter meter)
    {
        _received = meter.CreateCounter<long>("medulla.systemlog.received", "{message}", "kernel log records and syslog datagrams received");
        _malformed = meter.CreateCounter<long>("medulla.systemlog.malformed", "{message}", "records and datagrams that could not be parsed (logged raw)");
        _lost = meter.CreateCounter<long>("medulla.systemlog.lost", "{record}", "kernel log records overwritten in the ring before they were read");
        _truncated = meter.CreateCounter<long>("medulla.systemlog.truncated", "{message}", "syslog datagrams longer than 64 KiB, cut");
    }

    /// <summary>The instruments of the factory's meter, or of the process-wide meter when there is no factory.</summary>
    public static SystemLogMetrics For(IMeterFactory? factory) => Instruments.For(factory);

    public void KmsgReceived() => _received.Add(1, Kmsg);

    public void KmsgMalformed() => _malformed.Add(1, Kmsg);

    public void KmsgLost(long count) => _lost.Add(count, Kmsg);

    public void SyslogReceived(long count) => _received.Add(count, Syslog);

    public void SyslogMalformed() => _malformed.Add(1, Syslog);

    public void SyslogTruncated() => _truncated.Add(1, Syslog);
}
