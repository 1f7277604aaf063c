using System.Diagnostics.Metrics;
using Medulla.Pstore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Medulla.Pstore.Tests.Archiving;

/// <summary>The archive metrics after a real archive of a fake pstore directory, on a meter factory of the test's own.</summary>
public class PstoreArchiveMetricsTests
{
    [Fact]
    public void Each_archived_record_counts_once_tagged_with_its_kind_and_a_second_archive_counts_nothing()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var seen = new List<(string Instrument, object? Kind, long Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => seen.Add((instrument.Name, tags[0].Value, value)));
        listener.Start();
        using var pstore = new FakePstore();
        pstore.Add("pmsg-ramoops-0", "pmsg line\n");
        pstore.Add("console-ramoops-0", "console line\n");
        pstore.AddCompressed("dmesg-ramoops-0.enc.z", "Panic#1 Part1\n");
        var archiver = new PstoreArchiver(pstore.Reader(), new PstoreArchiverOptions { ArchiveDirectory = Path.Combine(pstore.Scratch, "archive") },
            meterFactory: factory);

        PstoreArchiveResult first = archiver.Archive();
        PstoreArchiveResult second = archiver.Archive();

        Assert.Equal(3, first.Archived.Count);
        Assert.Empty(second.Archived);
        Assert.Equal(
            [("medulla.pstore.records.archived", "console", 1L), ("medulla.pstore.records.archived", "dmesg", 1L), ("medulla.pstore.records.archived", "pmsg", 1L)],
            seen.OrderBy(s => (string?)s.Kind, StringComparer.Ordinal));
    }
}
