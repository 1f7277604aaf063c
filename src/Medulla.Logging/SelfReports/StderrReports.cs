namespace Medulla.Logging;

/// <summary>
/// The last place Medulla.Logging can report to when its own handlers cannot carry a report (a handler
/// failed, events were lost at stop): one prefixed line per report on a text writer, normally stderr.
/// </summary>
internal sealed class StderrReports(TextWriter writer)
{
    internal void Write(string text)
    {
        try
        {
            writer.WriteLine($"medulla logging: {text}");
        }
#pragma warning disable CA1031 // stderr itself may be gone; there is nowhere left to report
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
