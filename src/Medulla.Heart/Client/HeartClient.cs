using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Heart;

/// <summary>
/// The app's end of the heart: starts medulla-heart as a child process with this process's id, talks
/// the heart protocol on its stdin and stdout, and sends beats, commands and status requests.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Beat"/> may be called from any thread and never throws. Commands and status requests are
/// answered in order by the heart, so they are sent one at a time. If the app ends without
/// <see cref="ShutDownAsync"/>, the heart sees its stdin close, waits up to 5 s for the app to exit, and
/// reboots: that is how a crash becomes a reboot.
/// </para>
/// <para>
/// Disposing sends SHUT_DOWN first (a graceful stop). The heart process is never killed: killing it
/// would leave an opened hardware watchdog armed with nobody to pet it.
/// </para>
/// </remarks>
public sealed class HeartClient : IAsyncDisposable
{
    private static readonly byte[] BeatFrame = HeartFrameEncoder.Encode(HeartOp.Beat);

    private readonly Process _process;
    private readonly Stream _toHeart;
    private readonly Stream _fromHeart;
    private readonly TimeSpan _replyTimeout;
    private readonly ILogger _log;
    private readonly Lock _writeLock = new();
    private readonly SemaphoreSlim _requests = new(1, 1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private readonly HeartMetrics _metrics;
    private readonly TimeSpan _heartbeatTimeout;
    private readonly int _pid;
    private long _lastBeat;
    private PendingReply? _pending;
    private volatile bool _closed;
    private bool _shutDown;

    private HeartClient(Process process, HeartClientOptions options, ILogger log, HeartMetrics metrics)
    {
        _process = process;
        _pid = process.Id;
        _heartbeatTimeout = options.HeartbeatTimeout;
        _metrics = metrics;
        // The heart's timeout runs from its start; until the first beat, that is the best estimate.
        _lastBeat = Stopwatch.GetTimestamp();
        _toHeart = process.StandardInput.BaseStream;
        _fromHeart = process.StandardOutput.BaseStream;
        _replyTimeout = options.ReplyTimeout;
        _log = log;
        _reader = Task.Run(ReadFramesAsync);
    }

    /// <summary>The daemon's process id.</summary>
    public int DaemonProcessId => _pid;

    /// <summary>Whether the daemon's pipe is still open (false once it exited or was shut down).</summary>
    public bool IsConnected => !_closed;

    /// <summary>The daemon's exit status once it has exited (0 after SHUT_DOWN), else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Time since the last beat was written to the heart (since its start before the first beat).</summary>
    internal TimeSpan LastBeatAge => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastBeat));

    /// <summary>The heartbeat timeout minus <see cref="LastBeatAge"/>, not below zero: the time before the heart reboots without a beat.</summary>
    internal TimeSpan TimeLeft => LastBeatAge < _heartbeatTimeout ? _heartbeatTimeout - LastBeatAge : TimeSpan.Zero;

    /// <summary>The heartbeat timeout the daemon was started with.</summary>
    internal TimeSpan HeartbeatTimeout => _heartbeatTimeout;

    /// <summary>
    /// Starts the daemon and waits for its first ACK. From then on the heartbeat timeout runs: beat at
    /// least that often (the hosted service of <c>AddMedullaHeart</c> does it).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="HeartUnavailableException">The daemon cannot be started or did not ACK in time.</exception>
    public static Task<HeartClient> StartAsync(HeartClientOptions options, ILogger? log = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, log, meterFactory: null, cancellationToken);

    /// <summary>
    /// Starts the daemon and waits for its first ACK, recording the heart's metrics (beats sent, time left;
    /// see docs/metrics.md) on a meter from <paramref name="meterFactory"/>, or on the process-wide
    /// <c>Medulla.Heart</c> meter when it is null.
    /// </summary>
    /// <param name="options">How to start the daemon.</param>
    /// <param name="log">Where start, stop and pipe failures are logged (optional).</param>
    /// <param name="meterFactory">The host's meter factory, or null outside a host.</param>
    /// <param name="cancellationToken">Cancels the wait for the ACK.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="HeartUnavailableException">The daemon cannot be started or did not ACK in time.</exception>
    public static async Task<HeartClient> StartAsync(HeartClientOptions options, ILogger? log, IMeterFactory? meterFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) = options.DaemonCommandLine(System.Environment.ProcessId);
        var start = new ProcessStartInfo(options.DaemonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new HeartUnavailableException($"cannot start {options.DaemonPath}");
        }
        catch (Win32Exception ex)
        {
            throw new HeartUnavailableException($"cannot start {options.DaemonPath}: {ex.Message}", ex);
        }
        var client = new HeartClient(process, options, log ?? NullLogger.Instance, HeartMetrics.For(meterFactory));
        try
        {
            await client._started.Task.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new HeartUnavailableException($"{options.DaemonPath} did not acknowledge its start within {options.StartTimeout.TotalSeconds} s", ex);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        client._metrics.Track(client);
        client._log.LogInformation("medulla-heart started (pid {Pid}), heartbeat timeout {Timeout} s", process.Id, options.HeartbeatTimeout.TotalSeconds);
        return client;
    }

    /// <summary>Sends a beat. Returns false (and does not throw) when the heart is gone.</summary>
    public bool Beat()
    {
        if (!TryWrite(BeatFrame))
        {
            return false;
        }
        Volatile.Write(ref _lastBeat, Stopwatch.GetTimestamp());
        _metrics.BeatSent();
        return true;
    }

    /// <summary>Asks for the heart's status report (GET_CMD).</summary>
    /// <exception cref="HeartUnavailableException">The heart is gone or did not answer in time.</exception>
    public async Task<HeartStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        HeartFrame reply = await RequestAsync(HeartFrameEncoder.Encode(HeartOp.GetCmd), HeartOp.HeartCmd, cancellationToken).ConfigureAwait(false);
        return HeartStatus.Parse(reply.BodyText);
    }

    /// <summary>Sends a command (SET_CMD) and waits for its ACK.</summary>
    /// <remarks>
    /// The immediate commands reboot or power off before any ACK; so may disable_vm, which kills this
    /// process. Expect those calls not to return normally.
    /// </remarks>
    /// <exception cref="HeartUnavailableException">The heart is gone or did not acknowledge in time.</exception>
    public async Task SendCommandAsync(HeartCommand command, CancellationToken cancellationToken = default)
    {
        byte[] frame = HeartFrameEncoder.Encode(HeartOp.SetCmd, HeartCommandNames.ToText(command));
        await RequestAsync(frame, HeartOp.Ack, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the heart the app finished starting ("init_handshake"; needed when HEART_INIT_TIMEOUT is set).</summary>
    public Task InitHandshakeAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.InitHandshake, cancellationToken);

    /// <summary>Holds every deadline off for 15 minutes ("snooze").</summary>
    public Task SnoozeAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.Snooze, cancellationToken);

    /// <summary>Stops petting the hardware watchdog, which then resets the machine ("disable_hw"; to test the watchdog).</summary>
    public Task DisableHardwareWatchdogAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.DisableHardwareWatchdog, cancellationToken);

    /// <summary>Makes the heart act as if the app had hung: kill it and reboot ("disable_vm"; to test the heart).</summary>
    public Task DisableVmAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.DisableVm, cancellationToken);

    /// <summary>Pets once, stops petting and asks init to reboot (SIGTERM to PID 1); the watchdog guards a hung shutdown.</summary>
    public Task GuardedRebootAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.GuardedReboot, cancellationToken);

    /// <summary>Pets once, stops petting and asks init to power off (SIGUSR2 to PID 1).</summary>
    public Task GuardedPoweroffAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.GuardedPoweroff, cancellationToken);

    /// <summary>Pets once, stops petting and asks init to halt (SIGUSR1 to PID 1).</summary>
    public Task GuardedHaltAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.GuardedHalt, cancellationToken);

    /// <summary>Restarts at once with reboot(2), without init's shutdown.</summary>
    public Task GuardedImmediateRebootAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.GuardedImmediateReboot, cancellationToken);

    /// <summary>Powers off at once with reboot(2), without init's shutdown.</summary>
    public Task GuardedImmediatePoweroffAsync(CancellationToken cancellationToken = default) => SendCommandAsync(HeartCommand.GuardedImmediatePoweroff, cancellationToken);

    /// <summary>
    /// Stops the heart without a reboot (SHUT_DOWN) and waits for it to exit. The heart disarms the
    /// hardware watchdog (magic close) before exiting, or, with <see cref="HeartClientOptions.KeepWatchdogOnShutdown"/>,
    /// pets it once and leaves it armed, which gives the rest of a graceful stop one watchdog period.
    /// </summary>
    public async Task ShutDownAsync(CancellationToken cancellationToken = default)
    {
        if (!_shutDown)
        {
            _shutDown = true;
            TryWrite(HeartFrameEncoder.Encode(HeartOp.ShutDown));
        }
        await WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the daemon to exit without asking it to: after <see cref="ShutDownAsync"/>, or when it
    /// ends on its own (a reboot that did not happen because the daemon runs in a test's PID namespace).
    /// </summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        _closed = true;
    }

    /// <summary>Shuts the heart down (waiting up to 5 s for it to exit), then releases the pipes.</summary>
    public async ValueTask DisposeAsync()
    {
        _metrics.Untrack(this);
        bool exited = true;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ShutDownAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            exited = false;
            _log.LogError("medulla-heart (pid {Pid}) did not exit within 5 s of SHUT_DOWN; leaving it running", _process.Id);
        }
        _closed = true;
        await _toHeart.DisposeAsync().ConfigureAwait(false);
        if (exited)
        {
            // The heart closed its stdout when it exited, so the reader is ending; a heart still running
            // would keep it waiting.
            await _reader.ConfigureAwait(false);
        }
        _process.Dispose();
        _requests.Dispose();
    }

    private async Task<HeartFrame> RequestAsync(byte[] frame, HeartOp expected, CancellationToken cancellationToken)
    {
        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingReply(expected);
        try
        {
            Volatile.Write(ref _pending, pending);
            if (_closed || !TryWrite(frame))
            {
                throw Gone();
            }
            return await pending.Reply.Task.WaitAsync(_replyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new HeartUnavailableException($"medulla-heart did not answer within {_replyTimeout.TotalSeconds} s", ex);
        }
        finally
        {
            Interlocked.CompareExchange(ref _pending, null, pending);
            _requests.Release();
        }
    }

    private bool TryWrite(byte[] frame)
    {
        if (_closed)
        {
            return false;
        }
        try
        {
            lock (_writeLock)
            {
                _toHeart.Write(frame);
                _toHeart.Flush();
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _closed = true;
            return false;
        }
    }

    private async Task ReadFramesAsync()
    {
        var decoder = new HeartFrameDecoder();
        byte[] buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await _fromHeart.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                decoder.Feed(buffer.AsSpan(0, n));
                while (decoder.TryRead(out HeartFrame frame))
                {
                    Dispatch(frame);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe broke: the same as the heart closing it.
        }
        _closed = true;
        if (!_shutDown)
        {
            _log.LogError("medulla-heart (pid {Pid}) closed its pipe; beats are no longer delivered", _process.Id);
        }
        _started.TrySetException(Gone());
        Volatile.Read(ref _pending)?.Reply.TrySetException(Gone());
    }

    private void Dispatch(HeartFrame frame)
    {
        if (frame.Op == HeartOp.Ack && _started.TrySetResult())
        {
            return;
        }
        PendingReply? pending = Volatile.Read(ref _pending);
        if (pending is not null && pending.Expected == frame.Op)
        {
            pending.Reply.TrySetResult(frame);
        }
    }

    private HeartUnavailableException Gone()
    {
        try
        {
            return new(_process.HasExited
                ? $"medulla-heart (pid {_process.Id}) has exited with status {_process.ExitCode}"
                : $"medulla-heart (pid {_process.Id}) closed its pipe");
        }
        catch (InvalidOperationException)
        {
            // The Process object was disposed (a heart that outlived DisposeAsync closed its pipe later).
            return new("medulla-heart closed its pipe");
        }
    }

    private sealed class PendingReply(HeartOp expected)
    {
        public HeartOp Expected { get; } = expected;

        public TaskCompletionSource<HeartFrame> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
