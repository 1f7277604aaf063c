using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.Devices;

/// <summary>
/// The devices package's System.Diagnostics.Metrics instruments. One set per meter: the process-wide
/// meter without a host, the host's <see cref="IMeterFactory"/> meter with one.
/// </summary>
internal sealed class DevicesMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.Devices";

    private static readonly InstrumentsPerMeter<DevicesMetrics> Instruments = new(MeterName, static meter => new DevicesMetrics(meter));

    private readonly Counter<long> _received;
    private readonly Counter<long> _malformed;
    private readonly Counter<long> _udev;
    private readonly Counter<long> _foreign;
    private readonly Counter<long> _overflows;
    private readonly Counter<long> _rescans;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _modprobes;
    private readonly Counter<long> _modprobeFailures;
    private readonly Histogram<int> _queuePeak;

    private DevicesMetrics(Meter meter)
    {
        _received = meter.CreateCounter<long>("medulla.devices.uevents.received", "{event}", "kernel uevents received and parsed");
        _malformed = meter.CreateCounter<long>("medulla.devices.uevents.malformed", "{datagram}", "datagrams rejected as malformed or truncated");
        _udev = meter.CreateCounter<long>("medulla.devices.uevents.udev_skipped", "{datagram}", "udevd's libudev-format datagrams skipped");
        _foreign = meter.CreateCounter<long>("medulla.devices.uevents.not_from_kernel", "{datagram}", "datagrams from a sender other than the kernel, ignored");
        _overflows = meter.CreateCounter<long>("medulla.devices.uevents.overflows", "{overflow}", "ENOBUFS: the receive buffer overflowed and uevents were lost");
        _rescans = meter.CreateCounter<long>("medulla.devices.rescans", "{rescan}", "re-reads of sysfs that reconciled the device table");
        _dropped = meter.CreateCounter<long>("medulla.devices.subscriber.dropped", "{event}", "events dropped because a subscriber's queue was full");
        _modprobes = meter.CreateCounter<long>("medulla.devices.modprobe.runs", "{run}", "modprobe runs for MODALIAS autoload");
        _modprobeFailures = meter.CreateCounter<long>("medulla.devices.modprobe.failures", "{run}", "modprobe runs that could not start or exited non-zero");
        _queuePeak = meter.CreateHistogram<int>("medulla.devices.subscriber.queue_peak", "{event}", "a subscriber's queue length each time it reached a new peak");
    }

    /// <summary>The instruments of the factory's meter, or of the process-wide meter when there is no factory.</summary>
    public static DevicesMetrics For(IMeterFactory? factory) => Instruments.For(factory);

    public void Received() => _received.Add(1);

    public void Malformed() => _malformed.Add(1);

    public void UdevSkipped() => _udev.Add(1);

    public void NotFromKernel() => _foreign.Add(1);

    public void Overflow() => _overflows.Add(1);

    public void Rescan() => _rescans.Add(1);

    public void Dropped() => _dropped.Add(1);

    public void ModprobeRun(bool succeeded)
    {
        _modprobes.Add(1);
        if (!succeeded)
        {
            _modprobeFailures.Add(1);
        }
    }

    public void QueuePeak(int length) => _queuePeak.Record(length);
}
