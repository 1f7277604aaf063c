using System.Diagnostics.Metrics;
using Medulla.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.SystemLog;

/// <summary>
/// Follows the kernel log on a dedicated thread and logs every record as category <c>kernel</c>. A device
/// that cannot be opened is reported as an error event and the rest of the application goes on.
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
        _thread = new Thread(() => Follow(reader, forwarder)) { IsBackground = true, Name = "medulla-kmsg" };
        _thread.Start();
        return Task.CompletedTask;
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
