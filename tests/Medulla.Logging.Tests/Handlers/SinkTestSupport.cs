using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Handlers;

/// <summary>Writes the message and, unless told otherwise, "\n": records are exactly the logged text.</summary>
internal sealed class MessageFormatter(bool newline = true) : ILogFormatter
{
    public void Format(LogEvent logEvent, Utf8Buffer output)
    {
        output.Write(logEvent.MessageUtf8);
        if (newline)
        {
            output.Write((byte)'\n');
        }
    }
}

/// <summary>
/// A real logging system with one handler around the sink under test, every level enabled, and
/// handler failures captured instead of going to the process's stderr. The sink sees exactly what a
/// test logs: the handler never drops (a full queue makes callers wait) and Medulla.Logging's own
/// reports (such as the switch to sync mode) are kept out.
/// </summary>
internal sealed class SinkRig : IDisposable
{
    private readonly StringWriter _stderr = new();

    public SinkRig(Func<ILogSink> sink, ILogFormatter? formatter = null, int messageTruncation = LoggerConfig.DefaultMessageTruncation)
    {
        var config = new LoggerConfig
        {
            Level = Level.All,
            CategoryLevels = ImmutableDictionary<string, Level>.Empty.Add(LogSystem.SelfCategory, Level.None),
            MessageTruncation = messageTruncation,
        };
        System = new LogSystem(config, stderr: _stderr);
        System.AddHandler(new HandlerConfig
        {
            Id = "sink",
            Sink = sink,
            Formatter = formatter ?? new MessageFormatter(),
            Overload = new OverloadOptions
            {
                SyncModeQueueLength = 64,
                DropModeQueueLength = int.MaxValue,
                FlushQueueLength = int.MaxValue,
                BurstLimitEnabled = false,
                OverloadKillEnabled = false,
            },
        });
        Logger = System.GetLogger("T");
    }

    public LogSystem System { get; }

    public CategoryLogger Logger { get; }

    /// <summary>Logs "line NNN" for each index, at info.</summary>
    public void LogLines(int from, int toExclusive)
    {
        for (int i = from; i < toExclusive; i++)
        {
            Logger.Log(Level.Info, Line(i));
        }
    }

    /// <summary>Waits until everything logged is written and the sink flushed, and checks the sink did not fail.</summary>
    public void Flush()
    {
        Assert.True(System.Flush(TimeSpan.FromSeconds(10)), "the handler did not write and flush in time");
        Assert.Equal("", _stderr.ToString());
        Assert.Contains("sink", System.HandlerIds);
    }

    public void Dispose() => System.Dispose();

    /// <summary>"line 007": 8 characters, 9 bytes with the newline.</summary>
    public static string Line(int i) => "line " + i.ToString("D3", CultureInfo.InvariantCulture);

    public const int LineBytes = 9;

    /// <summary>The file content lines [from, toExclusive) make.</summary>
    public static string Lines(int from, int toExclusive)
    {
        var text = new StringBuilder();
        for (int i = from; i < toExclusive; i++)
        {
            text.Append(Line(i)).Append('\n');
        }
        return text.ToString();
    }
}
