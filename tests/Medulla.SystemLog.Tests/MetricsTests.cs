using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Text;
using Medulla.Linux;
using Microsoft.Extensions.DependencyInjection;

namespace Medulla.SystemLog.Tests;

/// <summary>The counters reach the host's meter factory, tagged with their source.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Name, string? Source), long> _totals = [];
    private readonly TempDirectory _dir = new("medulla-systemlog-metrics");

    public MetricsTests()
    {
        IMeterFactory factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == "Medulla.SystemLog")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? source = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                source = tag.Key == "systemlog.source" ? tag.Value as string : source;
            }
            lock (_lock)
            {
                _totals[(instrument.Name, source)] = _totals.GetValueOrDefault((instrument.Name, source)) + value;
            }
        });
        _listener.Start();
    }

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    private long Total(string name, string source)
    {
        lock (_lock)
        {
            return _totals.GetValueOrDefault((name, source));
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Syslog_received_malformed_and_truncated_datagrams_are_counted()
    {
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string path = _dir.File("log");
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = path }, m =>
        {
            if (m.Message == "last")
            {
                last.TrySetResult();
            }
        }, meterFactory: Factory);

        using (var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            socket.SendBufferSize = 256 * 1024;
            socket.Connect(new UnixDomainSocketEndPoint(path));
            socket.Send("<999>"u8);
            socket.Send(Encoding.ASCII.GetBytes("<13>" + new string('a', 70_000)));
            socket.Send("<13>last"u8);
        }
        // Counting happens on the receiving thread before a message is queued for delivery.
        await last.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(3, Total("medulla.systemlog.received", "syslog"));
        Assert.Equal(1, Total("medulla.systemlog.malformed", "syslog"));
        Assert.Equal(1, Total("medulla.systemlog.truncated", "syslog"));
    }

    [Fact]
    public void Kmsg_received_malformed_and_lost_records_are_counted()
    {
        using var reader = new KmsgReader(new ListDevice("6,1,1,-;a\n", "junk", "6,5,1,-;b\n"), Factory);

        reader.ReadAvailable(_ => { });

        Assert.Equal(2, Total("medulla.systemlog.received", "kmsg"));
        Assert.Equal(1, Total("medulla.systemlog.malformed", "kmsg"));
        Assert.Equal(3, Total("medulla.systemlog.lost", "kmsg"));
    }

    private sealed class ListDevice(params string[] records) : IKernelLogSource
    {
        private int _next;

        public KernelLogReadResult Read(Span<byte> buffer, out int length)
        {
            length = 0;
            if (_next == records.Length)
            {
                return KernelLogReadResult.End;
            }
            length = Encoding.UTF8.GetBytes(records[_next++], buffer);
            return KernelLogReadResult.Record;
        }

        public bool WaitReadable(int timeoutMilliseconds) => false;

        public void Dispose()
        {
        }
    }
}
