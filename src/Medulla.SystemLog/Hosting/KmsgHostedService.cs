using System.Diagnostics.Metrics;
using Medulla.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.SystemLog;

/// <summary>
/// Logs the records already in the kernel log at start, then follows it on a dedicated thread, every record
/// as category <c>kernel</c>. A device that cannot be opened or read is reported as an error event and the
/// rest of the application goes on.
/// </summary>
internal sealed class KmsgHostedService : IHostedService, IDisposable
{
    private readonly KmsgOptions _options;
    private readonly LogSystem _system;
    private readonly IMeterFactory? _meterFactory;
    private readonly CancellationTokenSource _stop = new();
    private KmsgReader? _reader;
    private Thread? _thread;
    private int _disposed;

    public KmsgHostedService(IOptions<SystemLogOptions> options, LogSystem system, IMeterFactory? meterFactory = null)
    {
        _options = options.Value.Kmsg;
        _system = system;
        _meterFactory = meterFactory;
    }

    /// <summary>The reader while the service runs (tests and diagnostics read its counters).</summary>
    public KmsgReader? Reader => _reader;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }
        try
        {
            _reader = KmsgReader.Open(_options.Start, _options.Path, _meterFactory);
        }
        catch (IOException ex)
        {
            _system.GetLogger(SystemLogForwarder.KernelCategory).Log(Level.Error, $"kernel log not read: {ex.Message}");
            return Task.CompletedTask;
        }
        var forwarder = new SystemLogForwarder(_system);
        KmsgReader reader = _reader;
        // The backlog (the boot's records with Start=beginning) is logged before StartAsync returns, so the
        // host's ApplicationStarted means it is in the log: read behind the app's back, it competed with the
        // app's first work for a one-core device's CPU (the box's pmsg-flood missed its responsiveness bound).
        if (!TryForward(reader, forwarder))
        {
            return Task.CompletedTask;
        }
        _thread = new Thread(() => Follow(reader, forwarder)) { IsBackground = true, Name = "medulla-kmsg" };
        _thread.Start();
        return Task.CompletedTask;
    }

    private bool TryForward(KmsgReader reader, SystemLogForwarder forwarder)
    {
        try
        {
            reader.ReadAvailable(forwarder.Forward);
            return true;
        }
        catch (IOException ex)
        {
            _system.GetLogger(SystemLogForwarder.KernelCategory).Log(Level.Error, $"kernel log reading stopped: {ex.Message}");
            return false;
        }
    }

    private void Follow(KmsgReader reader, SystemLogForwarder forwarder)
    {
        try
        {
            reader.Follow(forwarder.Forward, _stop.Token);
        }
        catch (IOException ex)
        {
            _system.GetLogger(SystemLogForwarder.KernelCategory).Log(Level.Error, $"kernel log reading stopped: {ex.Message}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stop.Cancel();
        _thread?.Join();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The host disposes the service both as itself and as the IHostedService the factory returned.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stop.Cancel();
        _thread?.Join();
        _reader?.Dispose();
        _stop.Dispose();
    }
}
