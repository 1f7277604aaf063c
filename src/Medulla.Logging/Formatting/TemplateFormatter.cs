using Medulla.Logging.Events;

namespace Medulla.Logging.Formatting;

/// <summary>PLACEHOLDER until the template formatter lands.</summary>
public sealed class TemplateFormatter : ILogFormatter
{
    /// <inheritdoc />
    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        Utf8Values.WriteString(output, logEvent.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        output.Write((byte)' ');
        output.Write(logEvent.Level.Utf8Name());
        output.Write((byte)' ');
        output.Write(logEvent.MessageUtf8);
        output.Write((byte)'\n');
    }
}
