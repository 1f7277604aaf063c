namespace Medulla.Heart;

/// <summary>
/// The operation byte of a heart frame, as Erlang/OTP's heart defines it (kernel/src/heart.erl,
/// erts/etc/common/heart.c). The names follow the C constants.
/// </summary>
public enum HeartOp : byte
{
    /// <summary>Heart to app: started (sent once at start), or a SET_CMD/CLEAR_CMD was taken.</summary>
    Ack = 1,

    /// <summary>App to heart: the app is alive.</summary>
    Beat = 2,

    /// <summary>App to heart: exit without rebooting (a graceful stop).</summary>
    ShutDown = 3,

    /// <summary>App to heart: a command; the body is its text ("disable_hw", "snooze", ...).</summary>
    SetCmd = 4,

    /// <summary>App to heart: forget the command set before; answered with an ACK.</summary>
    ClearCmd = 5,

    /// <summary>App to heart: asks for the status report, answered with <see cref="HeartCmd"/>.</summary>
    GetCmd = 6,

    /// <summary>Heart to app: the reply to GET_CMD; the body is the status report text.</summary>
    HeartCmd = 7,

    /// <summary>App to heart: the app is crashing and writing a crash dump (sent by the Erlang VM).</summary>
    PreparingCrash = 8,
}
