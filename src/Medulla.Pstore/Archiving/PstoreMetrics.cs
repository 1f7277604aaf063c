using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.Pstore;

/// <summary>
/// The pstore archive's System.Diagnostics.Metrics instruments: records archived and records that could
/// not be, tagged with the record kind. One set per meter: the process-wide meter without a host, the
/// host's <see cref="IMeterFactory"/> meter with one.
/// </summary>
internal sealed class PstoreMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Medulla.Pstore";

    private static readonly InstrumentsPerMeter<PstoreMetrics> Instruments = new(MeterName, static meter => new PstoreMetrics(meter));

    private readonly Counter<long> _archived;
    private readonly Counter<long> _failed;

    private PstoreMetrics(Meter meter)
    {
        _archived = meter.CreateCounter<long>("medulla.pstore.records.archived", "{record}", "pstore records copied to the archive and removed from pstore");
        _failed = meter.CreateCounter<long>("medulla.pstore.records.failed", "{record}", "pstore records that could not be archived (left in pstore)");
    }

    /// <summary>The instruments of the factory's meter, or of the process-wide meter when there is no factory.</summary>
    public static PstoreMetrics For(IMeterFactory? factory) => Instruments.For(factory);

    public void Archived(PstoreRecord record) => _archived.Add(1, Kind(record));

    public void Failed(PstoreRecord record) => _failed.Add(1, Kind(record));

    private static KeyValuePair<string, object?> Kind(PstoreRecord record) => new("pstore.record.kind", record.Kind switch
    {
        PstoreRecordKind.Pmsg => "pmsg",
        PstoreRecordKind.Console => "console",
        PstoreRecordKind.Dmesg => "dmesg",
        PstoreRecordKind.Ftrace => "ftrace",
        _ => "unknown",
    });
}
