namespace Medulla.Logging;

/// <summary>
/// Logs the process's unhandled exception at critical level and flushes every handler before the runtime
/// ends the process, so the crash is in the log; disposing it unsubscribes.
/// </summary>
internal sealed class UnhandledExceptionCapture : IDisposable
{
    private readonly LogSystem _system;
    private readonly CategoryLogger _log;
    private readonly TimeSpan _flushTimeout;
    private int _disposed;

    internal UnhandledExceptionCapture(LogSystem system, TimeSpan flushTimeout)
    {
        _system = system;
        _log = system.GetLogger("Medulla.Unhandled");
        _flushTimeout = flushTimeout;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        }
    }

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs args)
    {
        var ex = args.ExceptionObject as Exception;
        _log.Log(Level.Critical, SelfReportTexts.UnhandledException(ex), ex);
        _system.Flush(_flushTimeout);
    }
}
