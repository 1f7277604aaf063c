using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.Firmware;

/// <summary>
/// The firmware package's System.Diagnostics.Metrics instruments: U-Boot environment writes and
/// read-back failures, tagged with the layout (<c>single</c> or <c>redundant</c>). One set per meter: the
/// process-wide meter without a host, the host's <see cref="IMeterFactory"/> meter with one.
/// </summary>
internal sealed class FirmwareMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.Firmware";

    private static readonly InstrumentsPerMeter<FirmwareMetrics> Instruments = new(MeterName, static meter => new FirmwareMetrics(meter));

    private readonly Counter<long> _writes;
    private readonly Counter<long> _readBackFailures;

    private FirmwareMetrics(Meter meter)
    {
        _writes = meter.CreateCounter<long>("medulla.firmware.env.writes", "{write}", "U-Boot environment copies written and read back as written");
        _readBackFailures = meter.CreateCounter<long>("medulla.firmware.env.read_back_failures", "{write}", "U-Boot environment copies that did not read back as written");
    }

    /// <summary>The instruments of the factory's meter, or of the process-wide meter when there is no factory.</summary>
    public static FirmwareMetrics For(IMeterFactory? factory) => Instruments.For(factory);

    public void Written(EnvLayout layout) => _writes.Add(1, Layout(layout));

    public void ReadBackFailed(EnvLayout layout) => _readBackFailures.Add(1, Layout(layout));

    private static KeyValuePair<string, object?> Layout(EnvLayout layout) =>
        new("env.layout", layout == EnvLayout.Redundant ? "redundant" : "single");
}
