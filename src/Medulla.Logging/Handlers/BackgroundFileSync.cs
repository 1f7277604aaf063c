using Medulla.Linux;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Logging;

/// <summary>
/// Fsyncs an open file on the thread pool while its writer goes on writing, so that a flood's
/// durability costs the writer nothing and the fsync that ends the flood finds little left to do.
/// Requests made while a sync runs are folded into one more sync.
/// </summary>
/// <remarks>
/// Linux reports a writeback error to the first fsync on an open file that asks after it, so an error
/// this class sees would be invisible to the writer's own next fsync: it is kept and handed to the
/// writer by <see cref="ThrowIfFailed"/>. A starved pool only delays these syncs; the writer's own
/// fsync on idle, on its interval and on close still makes the file durable.
/// </remarks>
internal sealed class BackgroundFileSync(SafeFileHandle handle, string path) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private bool _running;
    private bool _again;
    private Exception? _error;
    private long _syncCount;

    /// <summary>Number of fsyncs done so far (for tests and diagnostics).</summary>
    internal long SyncCount => Interlocked.Read(ref _syncCount);

    /// <summary>Starts a sync, or asks the running one to sync once more when it is done.</summary>
    internal void Request()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return;
            }
            _running = true;
            _idle.Reset();
        }
        ThreadPool.UnsafeQueueUserWorkItem(static self => self.Run(), this, preferLocal: false);
    }

    /// <summary>Waits until no sync is running (before the file is closed or checked for errors).</summary>
    internal void WaitIdle() => _idle.Wait();

    /// <summary>Throws, once, the error of a background sync that failed.</summary>
    /// <exception cref="IOException">A background fsync failed (the message names the file).</exception>
    internal void ThrowIfFailed()
    {
        Exception? error;
        lock (_gate)
        {
            error = _error;
            _error = null;
        }
        if (error is not null)
        {
            throw new IOException($"background fsync of {path} failed: {error.Message}", error);
        }
    }

    /// <summary>Waits for a running sync and releases the wait handle; the file handle is the caller's.</summary>
    public void Dispose()
    {
        WaitIdle();
        _idle.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            Exception? error = null;
            try
            {
                AppendFile.Sync(handle, path);
                Interlocked.Increment(ref _syncCount);
            }
            catch (ObjectDisposedException)
            {
                // The writer closed the file meanwhile; closing fsyncs it.
            }
#pragma warning disable CA1031 // kept for the writer, which removes the handler and reports it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
            }
            lock (_gate)
            {
                _error ??= error;
                if (!_again || error is not null)
                {
                    _running = false;
                    _again = false;
                    _idle.Set();
                    return;
                }
                _again = false;
            }
        }
    }
}
