
namespace Medulla.Logging;

/// <summary>
/// Turns an event into one UTF-8 record. Runs on the logging thread; must not keep the event.
/// Line-oriented formatters end the record with '\n'.
/// </summary>
public interface ILogFormatter
{
    /// <summary>Appends the formatted event to <paramref name="output"/>.</summary>
    void Format(LogEvent logEvent, Utf8Buffer output);
}
