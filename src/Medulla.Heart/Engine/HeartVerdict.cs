namespace Medulla.Heart;

/// <summary>What <see cref="HeartEngine.Check"/> says is due now.</summary>
public enum HeartVerdict
{
    /// <summary>Nothing: wait until <see cref="HeartEngine.TimeUntilNextCheck"/>.</summary>
    Alive,

    /// <summary>The hardware watchdog is due to be petted.</summary>
    PetDue,

    /// <summary>No beat within the heartbeat timeout: the app is taken as hung; reboot.</summary>
    HeartbeatTimedOut,

    /// <summary>HEART_INIT_TIMEOUT passed without an "init_handshake": reboot.</summary>
    InitHandshakeMissed,
}
