using System.Globalization;
using System.Reflection;
using Medulla.Linux;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Heart.Daemon;

/// <summary>
/// The daemon's single-threaded event loop: poll(2) on stdin (and the control socket, and stdout while
/// replies wait for the app to read) with a timeout taken from the engine, frames in, ACKs and status
/// reports out, pets when due, and the reboot when the app stops beating or its pipe closes. Nothing in
/// the loop waits for the app.
/// </summary>
internal sealed class HeartDaemon
{
    private const string ProgramName = "medulla-heart";

    private static readonly SafeFileHandle Stdin = new(0, ownsHandle: false);
    private static readonly SafeFileHandle Stdout = new(1, ownsHandle: false);

    /// <summary>The informational version without the "+commit" suffix the SDK appends.</summary>
    private static readonly string Version =
        typeof(HeartDaemon).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly HeartSettings _settings;
    private readonly DaemonLog _log;
    private readonly TimeProvider _clock;
    private readonly HeartEngine _engine;
    private readonly SafetyInterlock _interlock;
    private readonly HeartFrameDecoder _decoder = new();
    private readonly byte[] _buffer = new byte[4096];
    private readonly IWatchdogDevice _watchdog;
    private readonly AppReplies _replies;

    public HeartDaemon(HeartSettings settings, IWatchdogDevice watchdog, DaemonLog log, TimeProvider clock)
    {
        _settings = settings;
        _watchdog = watchdog;
        _log = log;
        _clock = clock;
        _engine = new HeartEngine(settings, clock);
        _interlock = new SafetyInterlock(settings, log);
        _replies = new AppReplies(Stdout, log);
    }

    /// <summary>Runs until SHUT_DOWN (exit 0) or a reboot; returns only if the reboot could not be made.</summary>
    public int Run()
    {
        using ControlSocket? control = ControlSocket.TryOpen(_settings.ControlSocketPath, _log);
        _log.Information(string.Create(CultureInfo.InvariantCulture,
            $"{ProgramName} {Version} started: app pid {_settings.AppProcessId?.ToString(CultureInfo.InvariantCulture) ?? "none"}, heartbeat timeout {_settings.HeartbeatTimeout.TotalSeconds} s, init grace {_settings.InitGraceTime.TotalSeconds} s, init handshake timeout {_settings.InitHandshakeTimeout.TotalSeconds} s"));
        _replies.Start();
        if (!Send(HeartFrameEncoder.Encode(HeartOp.Ack)))
        {
            return Reboot("the app closed its pipe before the heart started", pipeClosed: true);
        }
        // The watchdog may have run for a while before the heart started: pet it now.
        Pet();

        Span<PollDescriptor> fds = stackalloc PollDescriptor[3];
        while (true)
        {
            if (Due() is int outcome)
            {
                return outcome;
            }
            fds[0] = new PollDescriptor(0, PollEvents.Readable);
            fds[1] = new PollDescriptor(control?.Fd ?? -1, PollEvents.Readable);
            fds[2] = new PollDescriptor(_replies.HasPending ? 1 : -1, PollEvents.Writable);
            Poll.Wait(fds, Milliseconds(_engine.TimeUntilNextCheck()));
            // A deadline that passed while waiting wins over whatever arrived meanwhile.
            if (Due() is int late)
            {
                return late;
            }
            if (fds[0].IsReadyToRead && ReadFrames() is int exit)
            {
                return exit;
            }
            if (fds[1].IsReadyToRead)
            {
                control!.AnswerWaiting(StatusReport);
            }
            if (fds[2].ReturnedEvents != PollEvents.None)
            {
                _replies.Flush();
            }
        }
    }


    private int? Due()
    {
        switch (_engine.Check())
        {
            case HeartVerdict.HeartbeatTimedOut:
                return Reboot(string.Create(CultureInfo.InvariantCulture,
                    $"heartbeat timeout: no beat for {_engine.TimeSinceLastBeat.TotalSeconds:F0} s (timeout {_settings.HeartbeatTimeout.TotalSeconds} s)"), pipeClosed: false);
            case HeartVerdict.InitHandshakeMissed:
                return Reboot(string.Create(CultureInfo.InvariantCulture,
                    $"init handshake not received within {_settings.InitHandshakeTimeout.TotalSeconds} s"), pipeClosed: false);
            case HeartVerdict.PetDue:
                Pet();
                return null;
            default:
                return null;
        }
    }

    private int? ReadFrames()
    {
        int n;
        try
        {
            n = StreamDescriptor.Read(Stdin, _buffer, "stdin");
        }
        catch (LinuxIOException ex) when (ex.Errno == Errno.EAGAIN)
        {
            // stdin shares its file description with stdout (a socket for both), made non-blocking.
            return null;
        }
        catch (IOException ex)
        {
            return Reboot($"cannot read from the app: {ex.Message}", pipeClosed: true);
        }
        if (n == 0)
        {
            return Reboot("the app closed its pipe", pipeClosed: true);
        }
        long skipped = _decoder.SkippedFrames;
        _decoder.Feed(_buffer.AsSpan(0, n));
        if (_decoder.SkippedFrames != skipped)
        {
            _log.Warning($"skipped {_decoder.SkippedFrames - skipped} malformed frame(s) (empty or longer than {HeartFrameDecoder.MaxFrameLength} bytes)");
        }
        while (_decoder.TryRead(out HeartFrame frame))
        {
            if (Handle(frame) is int outcome)
            {
                return outcome;
            }
        }
        return null;
    }

    private int? Handle(HeartFrame frame)
    {
        switch (frame.Op)
        {
            case HeartOp.Beat:
                _engine.Beat();
                Pet();
                return null;
            case HeartOp.ShutDown:
                return ShutDown();
            case HeartOp.SetCmd:
                return Command(frame.Body.Span);
            case HeartOp.ClearCmd:
                Ack();
                return null;
            case HeartOp.GetCmd:
                Send(HeartFrameEncoder.Encode(HeartOp.HeartCmd, StatusReport()));
                return null;
            case HeartOp.PreparingCrash:
                return Crashing();
            default:
                _log.Detail($"ignored a frame with op {(byte)frame.Op}");
                return null;
        }
    }

    private int? Command(ReadOnlySpan<byte> body)
    {
        if (!HeartCommandNames.TryParse(body, out HeartCommand command))
        {
            _log.Information($"ignored the command '{System.Text.Encoding.UTF8.GetString(body)}'");
            Ack();
            return null;
        }
        switch (command)
        {
            case HeartCommand.InitHandshake:
                _log.Information("init handshake received");
                _engine.CompleteInitHandshake();
                break;
            case HeartCommand.Snooze:
                _log.Failure("snoozing: petting the watchdog for 15 minutes whatever happens");
                _engine.Snooze();
                Pet();
                break;
            case HeartCommand.DisableHardwareWatchdog:
                _log.Failure("disable_hw: no longer petting the hardware watchdog; it should reset the machine soon");
                StopPetting();
                break;
            case HeartCommand.DisableVm:
                Ack();
                return Reboot("disable_vm: acting as if the app had stopped beating", pipeClosed: false);
            case HeartCommand.GuardedReboot:
                Guarded("reboot", Signals.Terminate);
                break;
            case HeartCommand.GuardedPoweroff:
                Guarded("power-off", Signals.User2);
                break;
            case HeartCommand.GuardedHalt:
                Guarded("halt", Signals.User1);
                break;
            case HeartCommand.GuardedImmediateReboot:
                return Immediate(RebootCommand.Restart);
            case HeartCommand.GuardedImmediatePoweroff:
                return Immediate(RebootCommand.PowerOff);
        }
        Ack();
        return null;
    }

    /// <summary>A guarded shutdown: init does the work, the watchdog (petted once, then left alone) guards it.</summary>
    private void Guarded(string what, int signal)
    {
        Pet();
        StopPetting();
        if (!_interlock.Allows($"{Signals.NameOf(signal)} to PID 1"))
        {
            return;
        }
        try
        {
            Processes.Signal(1, signal);
            _log.Failure($"guarded {what}: sent {Signals.NameOf(signal)} to init; no longer petting the watchdog");
        }
        catch (IOException ex)
        {
            _log.Failure($"guarded {what}: cannot signal init: {ex.Message}; no longer petting the watchdog");
        }
        SystemPower.Sync();
    }

    private int? Immediate(RebootCommand command)
    {
        StopPetting();
        string what = command == RebootCommand.Restart ? "reboot" : "power-off";
        _log.Failure($"guarded immediate {what} requested");
        if (!_interlock.Allows($"reboot(2) {command}"))
        {
            return SafetyInterlock.RefusedExitCode;
        }
        new RebootBreadcrumb(_settings.PmsgPath, _clock, _log).Leave($"guarded immediate {what}");
        try
        {
            SystemPower.Reboot(command);
        }
        catch (IOException ex)
        {
            _log.Failure($"reboot(2) failed: {ex.Message}");
        }
        Ack();
        return null;
    }

    private int? Crashing()
    {
        Pet();
        _log.Failure("the app is crashing (PREPARING_CRASH)");
        if (_settings.CrashDumpWait is { } wait && wait > TimeSpan.Zero)
        {
            _log.Failure($"waiting up to {wait.TotalSeconds} s for the crash dump");
            WaitForInput(wait);
        }
        return Reboot("the app crashed", pipeClosed: false);
    }

    /// <summary>
    /// Waits for the crash dump to end: until the app writes anything or closes its pipe, or the limit
    /// passes. As with OTP's heart and nerves_heart, any input ends it: the VM is done with the dump, or gone.
    /// </summary>
    private void WaitForInput(TimeSpan limit)
    {
        if (_decoder.HasInput)
        {
            return;
        }
        long start = _clock.GetTimestamp();
        Span<PollDescriptor> fds = stackalloc PollDescriptor[1];
        while (_clock.GetElapsedTime(start) is var elapsed && elapsed < limit)
        {
            fds[0] = new PollDescriptor(0, PollEvents.Readable);
            Poll.Wait(fds, Milliseconds(limit - elapsed));
            if (fds[0].IsReadyToRead)
            {
                return;
            }
        }
    }

    /// <summary>sync(2), end the app, reboot(2) RESTART. Returns only if the reboot was refused.</summary>
    private int Reboot(string reason, bool pipeClosed)
    {
        _log.Failure(reason);
        if (_replies.Dropped > 0)
        {
            _log.Failure($"{_replies.Dropped} replies to the app were dropped: it did not read its stdout");
        }
        new RebootBreadcrumb(_settings.PmsgPath, _clock, _log).Leave(reason);
        SystemPower.Sync();
        new AppTermination(_settings, _clock, _log).End(pipeClosed);
        if (!_interlock.Allows("reboot(2) RESTART"))
        {
            return SafetyInterlock.RefusedExitCode;
        }
        _log.Failure("rebooting");
        try
        {
            SystemPower.Reboot(RebootCommand.Restart);
        }
        catch (IOException ex)
        {
            _log.Failure($"reboot(2) failed: {ex.Message}");
        }
        return 1;
    }

    /// <summary>
    /// The app stops on purpose: disarm the watchdog (or, when told to keep it, pet it once so the
    /// shutdown that follows has a full watchdog period) and exit without a reboot. Once petting has
    /// stopped (disable_hw, a guarded command) the watchdog stays armed as it is: it is there to reset a
    /// machine whose shutdown hangs, or to be tested.
    /// </summary>
    private int ShutDown()
    {
        if (!_engine.IsPetting)
        {
            _log.Warning("shut down by the app: exiting without a reboot; the watchdog stays armed (petting stopped earlier: disable_hw or a guarded command)");
        }
        else if (_settings.KeepWatchdogOnShutdown)
        {
            Pet();
            _log.Information($"shut down by the app: exiting without a reboot (the watchdog stays armed: {HeartEnvironment.KeepWatchdogOnShutdown})");
        }
        else
        {
            _watchdog.Disarm();
            _log.Information("shut down by the app: exiting without a reboot (watchdog disarmed)");
        }
        return 0;
    }

    private void Pet()
    {
        if (!_engine.IsPetting)
        {
            return;
        }
        _watchdog.Pet();
        _engine.SetWatchdogTimeout(_watchdog.Timeout);
        _engine.RecordPet();
    }

    private void StopPetting()
    {
        _engine.StopPetting();
        _watchdog.StopPetting();
    }

    private string StatusReport() => HeartStatusReport.Format(ProgramName, Version, _engine.Snapshot(), _watchdog.Read());

    private void Ack() => Send(HeartFrameEncoder.Encode(HeartOp.Ack));

    /// <summary>Sends a frame without waiting; false once the app is gone (the closed stdin, read next, leads to the reboot).</summary>
    private bool Send(byte[] frame) => _replies.Send(frame);

    private static int Milliseconds(TimeSpan wait) => (int)Math.Min(int.MaxValue, Math.Ceiling(wait.TotalMilliseconds));
}
