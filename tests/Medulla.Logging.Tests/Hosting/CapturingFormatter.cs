using Medulla.Logging;

namespace Medulla.Logging.Tests.Hosting;

/// <summary>Keeps a snapshot of every event it formats, for assertions on the event model.</summary>
internal sealed class CapturingFormatter : ILogFormatter
{
    private readonly object _lock = new();
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_lock) { return [.. _events]; } }
    }

    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        lock (_lock)
        {
            _events.Add(logEvent.Snapshot());
        }
        output.Write(logEvent.MessageUtf8);
    }
}
