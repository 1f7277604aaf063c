using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Heart.Tests.Support;

/// <summary>
/// A named pipe standing in for /dev/watchdog0: the heart opens it (write-only, non-blocking) as it
/// would the device, its watchdog ioctls fail (ENOTTY) so it pets by writing a zero byte, and each byte
/// arrives here as one observed pet. The test holds the pipe open read-write, so the heart's open finds a
/// reader and a write by the test itself (<see cref="SyncAsync"/>) orders everything the heart wrote before.
/// </summary>
internal sealed class FakeWatchdog : IDisposable
{
    private const byte Sentinel = (byte)'S';
    private const byte Stop = (byte)'Q';

    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _pets = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly FileStream _reader;
    private readonly FileStream _writer;
    private readonly Thread _thread;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sentinels;
    private bool _magicClose;

    private FakeWatchdog(string path, bool create)
    {
        Path = path;
        if (create)
        {
            Mkfifo(path);
        }
        // O_RDWR on a pipe never blocks and keeps a writer present, so reads block instead of hitting EOF.
        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        _reader = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
        _writer = new FileStream(File.OpenHandle(path, FileMode.Open, FileAccess.Write), FileAccess.Write, bufferSize: 0);
        _thread = new Thread(Read) { IsBackground = true, Name = "fake watchdog" };
        _thread.Start();
    }

    /// <summary>The pipe's path, for HEART_WATCHDOG_PATH.</summary>
    public string Path { get; }

    /// <summary>Creates the pipe in <paramref name="dir"/> and starts reading it.</summary>
    public static FakeWatchdog Create(TempDirectory dir) => new(dir.Combine("watchdog"), create: true);

    /// <summary>Creates only the pipe, with no reader: the heart's open fails (ENXIO) until <see cref="Attach"/> opens it.</summary>
    public static string CreateWithoutReader(TempDirectory dir)
    {
        string path = dir.Combine("watchdog");
        Mkfifo(path);
        return path;
    }

    /// <summary>Starts reading a pipe made by <see cref="CreateWithoutReader"/>.</summary>
    public static FakeWatchdog Attach(string path) => new(path, create: false);

    public int PetCount
    {
        get
        {
            lock (_lock)
            {
                return _pets.Count;
            }
        }
    }

    /// <summary>When each pet arrived, relative to the creation of this fake.</summary>
    public IReadOnlyList<TimeSpan> PetTimes
    {
        get
        {
            lock (_lock)
            {
                return [.. _pets];
            }
        }
    }

    /// <summary>Whether the magic close character 'V' was ever written (the heart must never write it).</summary>
    public bool SawMagicClose => _magicClose;

    /// <summary>
    /// A barrier: returns the number of pets that the heart wrote before this call (everything written to
    /// the pipe earlier has been read once the test's own marker comes through).
    /// </summary>
    public async Task<int> SyncAsync()
    {
        int target;
        lock (_lock)
        {
            target = _sentinels + 1;
        }
        _writer.Write([Sentinel]);
        await WaitUntilAsync(() => _sentinels >= target, TimeSpan.FromSeconds(10), "the pipe's own marker");
        return PetCount;
    }

    /// <summary>Waits until <paramref name="count"/> pets in total have arrived.</summary>
    public Task WaitForPetsAsync(int count, TimeSpan timeout) =>
        WaitUntilAsync(() => _pets.Count >= count, timeout, $"{count} pets (have {PetCount})");

    public void Dispose()
    {
        _writer.Write([Stop]);
        _thread.Join(TimeSpan.FromSeconds(5));
        _writer.Dispose();
        _reader.Dispose();
    }

    private void Read()
    {
        byte[] buffer = new byte[256];
        while (true)
        {
            int n = _reader.Read(buffer);
            if (n <= 0)
            {
                return;
            }
            TaskCompletionSource changed;
            bool stop = false;
            lock (_lock)
            {
                foreach (byte b in buffer.AsSpan(0, n))
                {
                    switch (b)
                    {
                        case Sentinel:
                            _sentinels++;
                            break;
                        case Stop:
                            stop = true;
                            break;
                        case (byte)'V':
                            _magicClose = true;
                            _pets.Add(_clock.Elapsed);
                            break;
                        default:
                            _pets.Add(_clock.Elapsed);
                            break;
                    }
                }
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            changed.SetResult();
            if (stop)
            {
                return;
            }
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition())
                {
                    return;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"fake watchdog: no {what} within {timeout.TotalSeconds} s");
            }
        }
    }

    private static void Mkfifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, $"mkfifo {path}: {mkfifo.StandardError.ReadToEnd()}");
    }
}
