using System.Text;
using Medulla.Linux;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Heart.Daemon;

/// <summary>
/// The daemon's log: one line per message to /dev/kmsg with a syslog priority of facility daemon
/// ("&lt;27&gt;medulla-heart: ..." for an error), so it reaches the kernel log and whatever reads it even
/// when nothing else works; to stderr when kmsg cannot be written. Synchronous: nothing is queued that a
/// reboot could lose.
/// </summary>
internal sealed class DaemonLog : ILogger, IDisposable
{
    private const string Tag = "medulla-heart";
    private const int FacilityDaemon = 3;
    private const int Error = 3;
    private const int WarningSeverity = 4;
    private const int Info = 6;
    private const int Debug = 7;

    private readonly SafeFileHandle _target;
    private readonly bool _kmsg;
    private readonly int _maxSeverity;

    private DaemonLog(SafeFileHandle target, bool kmsg, int maxSeverity)
    {
        _target = target;
        _kmsg = kmsg;
        _maxSeverity = maxSeverity;
    }

    /// <summary>A log on any descriptor, written in the kmsg or the stderr format (tests check the format with a file).</summary>
    internal static DaemonLog ForTarget(SafeFileHandle target, bool kmsg, bool verbose) => new(target, kmsg, verbose ? Debug : WarningSeverity);

    /// <summary>
    /// Opens the log target. HEART_VERBOSE 0 writes nothing, 2 everything; the default writes errors and
    /// warnings, plus information lines when they go to kmsg (where their priority keeps them apart).
    /// </summary>
    public static DaemonLog Open(HeartSettings settings)
    {
        SafeFileHandle? kmsg = null;
        if (settings.LogTarget != HeartLogTarget.Stderr)
        {
            try
            {
                kmsg = DeviceFile.OpenCharacterDevice("/dev/kmsg");
            }
            catch (IOException)
            {
                // Not root, or no /dev yet: stderr it is.
            }
        }
        int max = settings.Verbosity switch
        {
            0 => -1,
            2 => Debug,
            _ => kmsg is not null ? Info : WarningSeverity,
        };
        return kmsg is not null
            ? new DaemonLog(kmsg, kmsg: true, max)
            : new DaemonLog(new SafeFileHandle(2, ownsHandle: false), kmsg: false, max);
    }

    public void Failure(string message) => Write(Error, message);

    public void Warning(string message) => Write(WarningSeverity, message);

    public void Information(string message) => Write(Info, message);

    public void Detail(string message) => Write(Debug, message);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Write(Severity(logLevel), formatter(state, exception));

    public bool IsEnabled(LogLevel logLevel) => Severity(logLevel) <= _maxSeverity;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Dispose() => _target.Dispose();

    private void Write(int severity, string message)
    {
        if (severity > _maxSeverity)
        {
            return;
        }
        string line = _kmsg
            ? $"<{(FacilityDaemon * 8) + severity}>{Tag}: {message}\n"
            : $"{Tag}: {message}\n";
        try
        {
            StreamDescriptor.Write(_target, Encoding.UTF8.GetBytes(line), _kmsg ? "/dev/kmsg" : "stderr");
        }
        catch (IOException)
        {
            // A log line is never worth failing the heart for.
        }
    }

    private static int Severity(LogLevel level) => level switch
    {
        LogLevel.Critical or LogLevel.Error => Error,
        LogLevel.Warning => WarningSeverity,
        LogLevel.Information => Info,
        LogLevel.None => -1,
        _ => Debug,
    };
}
