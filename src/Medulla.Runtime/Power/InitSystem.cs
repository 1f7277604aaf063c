namespace Medulla.Runtime;

/// <summary>The kinds of PID 1 whose power conventions Medulla knows.</summary>
internal enum InitSystem
{
    /// <summary>BusyBox init: SIGTERM reboots, SIGUSR2 powers off, SIGUSR1 halts.</summary>
    BusyBox,

    /// <summary>Nerves' erlinit: the same signals as BusyBox init.</summary>
    Erlinit,

    /// <summary>systemd: asked with <c>systemctl reboot|poweroff|halt</c>; its signals mean other things.</summary>
    Systemd,

    /// <summary>Anything else: sent BusyBox's signals, the convention most small inits follow.</summary>
    Unknown,
}

/// <summary>Which init runs, told from PID 1 itself: its command name and the program it executes.</summary>
/// <param name="Command">/proc/1/comm (at most 15 characters), or null when unreadable.</param>
/// <param name="Executable">The target of /proc/1/exe, or null when unreadable.</param>
/// <param name="Kind">The init's kind, from the two.</param>
internal sealed record InitProcess(string? Command, string? Executable, InitSystem Kind)
{
    /// <summary>
    /// Reads PID 1 of this process's PID namespace. Files under /run (systemd's /run/systemd/system, say)
    /// are not asked: a container or a chroot may share them with an init that is not its PID 1.
    /// </summary>
    public static InitProcess ReadPidOne(string procRoot = "/proc")
    {
        string? command = null;
        string? executable = null;
        try
        {
            command = File.ReadAllText(Path.Combine(procRoot, "1", "comm")).TrimEnd('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        try
        {
            executable = new FileInfo(Path.Combine(procRoot, "1", "exe")).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // EACCES without CAP_SYS_PTRACE over PID 1: the command name alone decides.
        }
        return new InitProcess(command, executable, Detect(command, executable));
    }

    /// <summary>The init's kind from its command name and executable path (either may be null).</summary>
    public static InitSystem Detect(string? command, string? executable)
    {
        // A replaced binary reads "/usr/lib/systemd/systemd (deleted)" after an upgrade.
        string? program = executable is null ? null : Path.GetFileName(executable.EndsWith(" (deleted)", StringComparison.Ordinal)
            ? executable[..^" (deleted)".Length]
            : executable);
        if (command == "systemd" || program == "systemd")
        {
            return InitSystem.Systemd;
        }
        if (command == "erlinit" || program == "erlinit")
        {
            return InitSystem.Erlinit;
        }
        // BusyBox is one binary for every applet: /sbin/init is a link to it, and exe names busybox.
        if (program is "busybox" or "busybox.static" or "busybox.nosuid")
        {
            return InitSystem.BusyBox;
        }
        return InitSystem.Unknown;
    }

    /// <summary>For logs: <c>busybox init (comm "init", exe /bin/busybox)</c>.</summary>
    public override string ToString()
    {
        string kind = Kind switch
        {
            InitSystem.BusyBox => "busybox init",
            InitSystem.Erlinit => "erlinit",
            InitSystem.Systemd => "systemd",
            _ => "an unknown init",
        };
        return $"{kind} (comm \"{Command ?? "?"}\", exe {Executable ?? "?"})";
    }
}
