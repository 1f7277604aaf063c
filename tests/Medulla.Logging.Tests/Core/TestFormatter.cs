using Medulla.Logging;

namespace Medulla.Logging.Tests.Core;

/// <summary>Writes "level|category|message" so assertions can match whole records exactly.</summary>
internal sealed class TestFormatter : ILogFormatter
{
    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        output.Write(logEvent.Level.Utf8Name());
        output.Write((byte)'|');
        Utf8Values.WriteString(output, logEvent.Category);
        output.Write((byte)'|');
        output.Write(logEvent.MessageUtf8);
    }
}
