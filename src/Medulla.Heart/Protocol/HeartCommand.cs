using System.Text;

namespace Medulla.Heart;

/// <summary>The commands an app sends to the heart in a SET_CMD frame.</summary>
public enum HeartCommand
{
    /// <summary>"init_handshake": the app finished starting (needed when HEART_INIT_TIMEOUT is set).</summary>
    InitHandshake,

    /// <summary>"snooze": keep petting for 15 minutes whatever happens (for maintenance).</summary>
    Snooze,

    /// <summary>"disable_hw": stop petting the hardware watchdog (the device is kept open); it resets the machine.</summary>
    DisableHardwareWatchdog,

    /// <summary>"disable_vm": act as if the app had stopped beating: kill it and reboot.</summary>
    DisableVm,

    /// <summary>"guarded_reboot": pet once, stop petting, ask init to reboot (SIGTERM to PID 1).</summary>
    GuardedReboot,

    /// <summary>"guarded_poweroff": pet once, stop petting, ask init to power off (SIGUSR2 to PID 1).</summary>
    GuardedPoweroff,

    /// <summary>"guarded_halt": pet once, stop petting, ask init to halt (SIGUSR1 to PID 1).</summary>
    GuardedHalt,

    /// <summary>"guarded_immediate_reboot": stop petting and restart at once with reboot(2).</summary>
    GuardedImmediateReboot,

    /// <summary>"guarded_immediate_poweroff": stop petting and power off at once with reboot(2).</summary>
    GuardedImmediatePoweroff,
}

/// <summary>The wire text of each <see cref="HeartCommand"/> (the names nerves_heart uses).</summary>
public static class HeartCommandNames
{
    private static readonly (HeartCommand Command, string Text)[] Table =
    [
        (HeartCommand.InitHandshake, "init_handshake"),
        (HeartCommand.Snooze, "snooze"),
        (HeartCommand.DisableHardwareWatchdog, "disable_hw"),
        (HeartCommand.DisableVm, "disable_vm"),
        (HeartCommand.GuardedReboot, "guarded_reboot"),
        (HeartCommand.GuardedPoweroff, "guarded_poweroff"),
        (HeartCommand.GuardedHalt, "guarded_halt"),
        (HeartCommand.GuardedImmediateReboot, "guarded_immediate_reboot"),
        (HeartCommand.GuardedImmediatePoweroff, "guarded_immediate_poweroff"),
    ];

    /// <summary>The text sent in SET_CMD for <paramref name="command"/>.</summary>
    public static string ToText(HeartCommand command)
    {
        foreach ((HeartCommand c, string text) in Table)
        {
            if (c == command)
            {
                return text;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(command), command, "unknown heart command");
    }

    /// <summary>
    /// Recognises a SET_CMD body. Exact names only (a trailing NUL or line end is tolerated); "disable" is
    /// the older name of "disable_hw".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out HeartCommand command)
    {
        string text = Encoding.UTF8.GetString(body).TrimEnd('\0', '\n', '\r');
        if (text == "disable")
        {
            command = HeartCommand.DisableHardwareWatchdog;
            return true;
        }
        foreach ((HeartCommand c, string name) in Table)
        {
            if (name == text)
            {
                command = c;
                return true;
            }
        }
        command = default;
        return false;
    }
}
