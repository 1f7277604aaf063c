using System.Diagnostics.Metrics;

namespace Medulla.Logging.Tests.Support;

/// <summary>Reads the Medulla.Logging observable instruments once, for one handler id.</summary>
public static class HandlerMetrics
{
    public static Dictionary<string, long> Read(string handlerId)
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Medulla.Logging")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "handler.id" && (string?)tag.Value == handlerId)
                {
                    seen[instrument.Name] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
