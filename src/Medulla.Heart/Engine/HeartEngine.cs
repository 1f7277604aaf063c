namespace Medulla.Heart;

/// <summary>
/// The heart's timing as a state machine over a monotonic clock: when the app last beat, when the
/// watchdog is due, whether the init handshake, grace period or a snooze holds the deadline off. It does
/// no I/O: the daemon feeds it events (beats, commands, pets) and asks it what is due and how long it may
/// sleep, which makes every timing rule testable with a fake clock.
/// </summary>
/// <remarks>
/// The rules are nerves_heart's: the heartbeat deadline is the last beat plus the timeout, where the
/// "last beat" starts at the end of the grace period and a snooze moves it 15 minutes ahead; a beat
/// never moves it back. The watchdog is petted on every beat and on its own schedule while the heartbeat
/// deadline holds, so the hardware watchdog only fires when the heart itself stops.
/// </remarks>
public sealed class HeartEngine
{
    /// <summary>How long a snooze holds every deadline off.</summary>
    public static readonly TimeSpan SnoozeDuration = TimeSpan.FromMinutes(15);

    private readonly TimeProvider _clock;
    private readonly long _origin;
    private readonly TimeSpan _heartbeatTimeout;
    private readonly TimeSpan _handshakeTimeout;
    private readonly TimeSpan _graceEnd;
    private readonly TimeSpan _handshakeEnd;
    private TimeSpan _lastBeat;
    private TimeSpan _snoozeEnd;
    private TimeSpan _lastPet;
    private TimeSpan? _watchdogTimeout = PetSchedule.DefaultWatchdogTimeout;
    private TimeSpan _petInterval = PetSchedule.IntervalFor(PetSchedule.DefaultWatchdogTimeout);
    private bool _handshakeHappened;
    private bool _petting = true;

    /// <summary>Starts the timers now (the heart's start counts as the first pet).</summary>
    /// <param name="settings">The heartbeat timeout, init handshake timeout and grace time.</param>
    /// <param name="clock">The monotonic clock (<see cref="TimeProvider.GetTimestamp"/> is CLOCK_MONOTONIC on Linux).</param>
    public HeartEngine(HeartSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _origin = clock.GetTimestamp();
        _heartbeatTimeout = settings.HeartbeatTimeout;
        _handshakeTimeout = settings.InitHandshakeTimeout;
        _graceEnd = settings.InitGraceTime;
        _handshakeEnd = settings.InitHandshakeTimeout;
        _handshakeHappened = settings.InitHandshakeTimeout <= TimeSpan.Zero;
        _lastBeat = _graceEnd;
    }

    /// <summary>Whether the watchdog is still to be petted (false after disable_hw or a guarded command).</summary>
    public bool IsPetting => _petting;

    /// <summary>Time since the engine started.</summary>
    public TimeSpan Now => _clock.GetElapsedTime(_origin);

    /// <summary>What is due now: a reboot (timeout or missed handshake) before a pet, a pet before nothing.</summary>
    public HeartVerdict Check()
    {
        TimeSpan now = Now;
        if (now >= _lastBeat + _heartbeatTimeout)
        {
            return HeartVerdict.HeartbeatTimedOut;
        }
        if (!_handshakeHappened && now >= _handshakeEnd)
        {
            return HeartVerdict.InitHandshakeMissed;
        }
        if (_petting && now >= _lastPet + _petInterval)
        {
            return HeartVerdict.PetDue;
        }
        return HeartVerdict.Alive;
    }

    /// <summary>How long the daemon may wait for input before <see cref="Check"/> has something due.</summary>
    public TimeSpan TimeUntilNextCheck()
    {
        TimeSpan next = _lastBeat + _heartbeatTimeout;
        if (!_handshakeHappened && _handshakeEnd < next)
        {
            next = _handshakeEnd;
        }
        if (_petting && _lastPet + _petInterval < next)
        {
            next = _lastPet + _petInterval;
        }
        TimeSpan wait = next - Now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>How long since the last beat (or since the grace period or snooze ended), for log lines.</summary>
    public TimeSpan TimeSinceLastBeat
    {
        get
        {
            TimeSpan since = Now - _lastBeat;
            return since > TimeSpan.Zero ? since : TimeSpan.Zero;
        }
    }

    /// <summary>The app beat: the heartbeat deadline restarts (never earlier than a grace period or snooze allows).</summary>
    public void Beat()
    {
        TimeSpan now = Now;
        if (now > _lastBeat)
        {
            _lastBeat = now;
        }
    }

    /// <summary>The watchdog was petted (or a pet was attempted): the pet schedule restarts.</summary>
    public void RecordPet() => _lastPet = Now;

    /// <summary>Stops the pet schedule for good (disable_hw, guarded commands).</summary>
    public void StopPetting() => _petting = false;

    /// <summary>The app said it finished starting.</summary>
    public void CompleteInitHandshake() => _handshakeHappened = true;

    /// <summary>
    /// Holds every deadline off for <see cref="SnoozeDuration"/>: the handshake counts as done and the
    /// heartbeat deadline moves 15 minutes ahead. The caller pets the watchdog.
    /// </summary>
    public void Snooze()
    {
        TimeSpan now = Now;
        _handshakeHappened = true;
        _snoozeEnd = now + SnoozeDuration;
        if (_snoozeEnd > _lastBeat)
        {
            _lastBeat = _snoozeEnd;
        }
    }

    /// <summary>
    /// The watchdog timeout the pet schedule follows, as the device reported it (or as assumed before it
    /// was opened); null when there is no watchdog to pet.
    /// </summary>
    public void SetWatchdogTimeout(TimeSpan? timeout)
    {
        if (timeout == _watchdogTimeout)
        {
            return;
        }
        _watchdogTimeout = timeout;
        _petInterval = timeout is { } t ? PetSchedule.IntervalFor(t) : PetSchedule.Never;
    }

    /// <summary>The timers now, for the status report.</summary>
    public HeartTimes Snapshot()
    {
        TimeSpan now = Now;
        return new HeartTimes
        {
            HeartbeatTimeout = _heartbeatTimeout,
            HeartbeatTimeLeft = Left(_lastBeat + _heartbeatTimeout, now),
            InitGraceTimeLeft = Left(_graceEnd, now),
            SnoozeTimeLeft = Left(_snoozeEnd, now),
            WatchdogPetTimeLeft = _petting && _watchdogTimeout is not null ? Left(_lastPet + _petInterval, now) : TimeSpan.Zero,
            InitHandshakeHappened = _handshakeHappened,
            InitHandshakeTimeout = _handshakeTimeout,
            InitHandshakeTimeLeft = _handshakeHappened ? TimeSpan.Zero : Left(_handshakeEnd, now),
            WatchdogTimeout = _watchdogTimeout,
        };
    }

    private static TimeSpan Left(TimeSpan deadline, TimeSpan now) => deadline > now ? deadline - now : TimeSpan.Zero;
}
