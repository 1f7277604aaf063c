namespace Medulla.Heart;

/// <summary>The engine's timers at one moment, for the status report. Times left are never negative.</summary>
public sealed record HeartTimes
{
    /// <summary>The heartbeat timeout.</summary>
    public TimeSpan HeartbeatTimeout { get; init; }

    /// <summary>Time until the heartbeat timeout fires without another beat.</summary>
    public TimeSpan HeartbeatTimeLeft { get; init; }

    /// <summary>Time left of the initial grace period.</summary>
    public TimeSpan InitGraceTimeLeft { get; init; }

    /// <summary>Time left of a snooze.</summary>
    public TimeSpan SnoozeTimeLeft { get; init; }

    /// <summary>Time until the next scheduled pet (zero when petting stopped or there is no watchdog).</summary>
    public TimeSpan WatchdogPetTimeLeft { get; init; }

    /// <summary>Whether the init handshake happened (or none is required).</summary>
    public bool InitHandshakeHappened { get; init; }

    /// <summary>The init handshake timeout (zero: none required).</summary>
    public TimeSpan InitHandshakeTimeout { get; init; }

    /// <summary>Time left for the init handshake (zero once it happened).</summary>
    public TimeSpan InitHandshakeTimeLeft { get; init; }

    /// <summary>The watchdog timeout the pet schedule is based on; null when there is no watchdog.</summary>
    public TimeSpan? WatchdogTimeout { get; init; }
}
