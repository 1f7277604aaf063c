using System.Diagnostics.Metrics;
using Medulla.Firmware;
using Medulla.Firmware.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>The environment write metrics, after real writes to an image file, on a meter factory of the test's own.</summary>
public sealed class EnvironmentMetricsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = [];
    private readonly List<object?> _layouts = [];

    public EnvironmentMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_totals)
            {
                _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
                foreach (KeyValuePair<string, object?> tag in tags)
                {
                    _layouts.Add(tag.Value);
                }
            }
        });
        _listener.Start();
    }

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    private FwEnvConfig RedundantImage()
    {
        string image = _dir.File("env.img");
        File.WriteAllBytes(image, new byte[0x2000]);
        return FwEnvConfig.Parse($"{image} 0x0 0x1000\n{image} 0x1000 0x1000\n");
    }

    private long Total(string name)
    {
        lock (_totals)
        {
            return _totals.GetValueOrDefault(name);
        }
    }

    [Fact]
    public void Each_copy_written_to_an_image_file_counts_one_write_and_an_unchanged_update_none()
    {
        var environment = new UBootEnvironment(RedundantImage(), lockPath: null, Factory);

        environment.Replace([new("bootcount", "0")]);
        environment.Update(new Dictionary<string, string?> { ["bootcount"] = "1" });
        environment.Update(new Dictionary<string, string?> { ["bootcount"] = "1" });

        Assert.Equal(2, Total("medulla.firmware.env.writes"));
        Assert.Equal(0, Total("medulla.firmware.env.read_back_failures"));
        Assert.Equal(["redundant", "redundant"], _layouts);
        Assert.Equal("1", new UBootEnvironment(environment.Config, lockPath: null).Read().Variables["bootcount"]);
    }

    [Fact]
    public void A_copy_that_does_not_read_back_as_written_counts_a_read_back_failure_and_no_write()
    {
        var environment = new UBootEnvironment(RedundantImage(), lockPath: null, new CorruptReadBack(), Factory);

        Assert.Throws<UBootEnvException>(() => environment.Replace([new("bootcount", "0")]));

        Assert.Equal(1, Total("medulla.firmware.env.read_back_failures"));
        Assert.Equal(0, Total("medulla.firmware.env.writes"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }

    /// <summary>The real image file, except that a read after a write sees one byte flipped (a failing flash).</summary>
    private sealed class CorruptReadBack : IEnvStorageProvider
    {
        public IEnvStorage Open(string device, bool writable) => new Storage(DeviceEnvStorage.Provider.Open(device, writable));

        private sealed class Storage(IEnvStorage inner) : IEnvStorage
        {
            private bool _written;

            public long Length => inner.Length;

            public int ReadAt(long offset, Span<byte> buffer)
            {
                int read = inner.ReadAt(offset, buffer);
                if (_written && read > 0)
                {
                    buffer[read - 1] ^= 0xff;
                }
                return read;
            }

            public void WriteAt(long offset, ReadOnlySpan<byte> data)
            {
                inner.WriteAt(offset, data);
                _written = true;
            }

            public void Flush(long offset, int length) => inner.Flush(offset, length);

            public void Dispose() => inner.Dispose();
        }
    }
}
