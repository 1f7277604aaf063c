using System.Diagnostics.Metrics;
using Medulla.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.SystemLog;

/// <summary>
/// Serves the syslog socket and logs every message under its app name (or <c>syslog</c>). A socket that
/// cannot be bound is reported as an error event and the rest of the application goes on.
/// </summary>
internal sealed class SyslogHostedService : IHostedService, IDisposable
{
    private readonly SyslogOptions _options;
    private readonly LogSystem _system;
    private readonly TimeProvider _time;
    private readonly IMeterFactory? _meterFactory;
    private SyslogServer? _server;

    public SyslogHostedService(IOptions<SystemLogOptions> options, LogSystem system, IMeterFactory? meterFactory = null)
    {
        _options = options.Value.Syslog;
        _system = system;
        _time = system.Time;
        _meterFactory = meterFactory;
    }

    /// <summary>The server while the service runs (tests and diagnostics read its counters).</summary>
    public SyslogServer? Server => _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }
        var forwarder = new SystemLogForwarder(_system);
        try
        {
            _server = SyslogServer.Start(_options.ToServerOptions(), forwarder.Forward, _time, _meterFactory);
        }
        catch (IOException ex)
        {
            _system.GetLogger(SystemLogForwarder.SyslogCategory).Log(Level.Error, $"syslog socket not served: {ex.Message}");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _server?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _server?.Dispose();
}
