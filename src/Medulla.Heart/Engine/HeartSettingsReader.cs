using System.Globalization;
using Medulla.Linux;

namespace Medulla.Heart;

/// <summary>
/// Reads <see cref="HeartSettings"/> from medulla-heart's arguments (<c>-pid N</c>, <c>-ht N</c>; others,
/// such as Erlang's <c>-wt</c>, are ignored) and environment. A value out of range is not fatal: the
/// heart must start whatever it is given, so the default (or the nearest allowed value) is used and a
/// warning says so. Durations take Medulla's one syntax (Medulla.Linux's ValueSyntax): a bare number of
/// seconds as in nerves_heart, or <c>30s</c>, <c>2m</c>, <c>00:02:00</c>; they must be whole seconds.
/// </summary>
public static class HeartSettingsReader
{
    /// <summary>Reads the settings; what was out of range or unreadable is described in <paramref name="warnings"/>.</summary>
    public static HeartSettings Read(IReadOnlyList<string> args, Func<string, string?> environment, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(warnings);

        int heartbeat = HeartSettings.DefaultHeartbeatTimeoutSeconds;
        if (environment(HeartEnvironment.BeatTimeout) is { } fromEnvironment)
        {
            heartbeat = HeartbeatSeconds(fromEnvironment, HeartEnvironment.BeatTimeout, heartbeat, warnings);
        }
        int? pid = null;
        for (int i = 0; i < args.Count; i++)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "-ht" when value is not null:
                    heartbeat = HeartbeatSeconds(value, "-ht", heartbeat, warnings);
                    i++;
                    break;
                case "-pid" when value is not null:
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p > 0)
                    {
                        pid = p;
                    }
                    else
                    {
                        warnings.Add($"-pid {value}: not a process id; the app will not be killed before a reboot");
                    }
                    i++;
                    break;
            }
        }

        int graceSeconds = Seconds(environment, HeartEnvironment.InitGraceTime, 0, HeartSettings.MaxInitGraceTimeSeconds, warnings) ?? 0;
        int initSeconds = Seconds(environment, HeartEnvironment.InitTimeout, 0, int.MaxValue / 1000, warnings) ?? 0;
        if (initSeconds > 0 && initSeconds < graceSeconds)
        {
            // As in nerves_heart: the handshake deadline must not end the grace period early.
            initSeconds = graceSeconds;
        }
        int? kernelTimeout = Seconds(environment, HeartEnvironment.KernelTimeout,
            HeartSettings.MinKernelTimeoutSeconds, HeartSettings.MaxKernelTimeoutSeconds, warnings);
        int? crashDump = Seconds(environment, HeartEnvironment.CrashDumpSeconds, 0, int.MaxValue / 1000, warnings);

        return new HeartSettings
        {
            AppProcessId = pid,
            HeartbeatTimeout = TimeSpan.FromSeconds(heartbeat),
            WatchdogPath = NonEmpty(environment(HeartEnvironment.WatchdogPath)) ?? HeartSettings.DefaultWatchdogPath,
            KernelTimeoutSeconds = kernelTimeout,
            InitHandshakeTimeout = TimeSpan.FromSeconds(initSeconds),
            InitGraceTime = TimeSpan.FromSeconds(graceSeconds),
            NoKill = IsTrue(environment(HeartEnvironment.NoKill)),
            KeepWatchdogOnShutdown = IsTrue(environment(HeartEnvironment.KeepWatchdogOnShutdown)),
            KillSignal = KillSignal(environment(HeartEnvironment.KillSignal), warnings),
            Verbosity = Seconds(environment, HeartEnvironment.Verbose, 0, 2, warnings),
            CrashDumpWait = crashDump is int c ? TimeSpan.FromSeconds(c) : null,
            ControlSocketPath = environment(HeartEnvironment.ControlSocket) is { } socket
                ? NonEmpty(socket)
                : HeartSettings.DefaultControlSocketPath,
            LogTarget = LogTarget(environment(HeartEnvironment.Log), warnings),
            PmsgPath = NonEmpty(environment(HeartEnvironment.PmsgPath)) ?? HeartSettings.DefaultPmsgPath,
            ForbiddenPidNamespace = NonEmpty(environment(HeartEnvironment.ForbiddenPidNamespace)),
        };
    }

    private static int HeartbeatSeconds(string text, string source, int current, ICollection<string> warnings)
    {
        if (WholeSeconds(text) is decimal seconds
            && seconds >= HeartSettings.MinHeartbeatTimeoutSeconds && seconds <= HeartSettings.MaxHeartbeatTimeoutSeconds)
        {
            return (int)seconds;
        }
        warnings.Add($"{source} {text}: expected {HeartSettings.MinHeartbeatTimeoutSeconds}..{HeartSettings.MaxHeartbeatTimeoutSeconds} seconds; keeping {current}");
        return current;
    }

    private static int? Seconds(Func<string, string?> environment, string name, int min, int max, ICollection<string> warnings)
    {
        string? text = environment(name);
        if (text is null)
        {
            return null;
        }
        if (WholeSeconds(text) is not decimal value)
        {
            warnings.Add($"{name}={text}: not a whole number of seconds (e.g. 30, 30s, 2m); ignored");
            return null;
        }
        if (value < min || value > max)
        {
            int clamped = (int)Math.Clamp(value, min, max);
            warnings.Add($"{name}={text}: expected {min}..{max} seconds; using {clamped}");
            return clamped;
        }
        return (int)value;
    }

    /// <summary>
    /// A duration in Medulla's one syntax (<see cref="ValueSyntax"/>; a bare number counts seconds, as in
    /// nerves_heart) as whole seconds, or null when it is not a duration or not whole seconds.
    /// </summary>
    private static decimal? WholeSeconds(string text) =>
        ValueSyntax.TryParseDuration(text, 1000, out decimal ms) && ms % 1000 == 0 ? ms / 1000 : null;

    private static int KillSignal(string? text, ICollection<string> warnings)
    {
        if (text is null)
        {
            return Signals.Kill;
        }
        if (Signals.TryParse(text, out int signal))
        {
            return signal;
        }
        warnings.Add($"{HeartEnvironment.KillSignal}={text}: unknown signal; using SIGKILL");
        return Signals.Kill;
    }

    private static HeartLogTarget LogTarget(string? text, ICollection<string> warnings)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case null or "" or "AUTO":
                return HeartLogTarget.Auto;
            case "KMSG":
                return HeartLogTarget.Kmsg;
            case "STDERR":
                return HeartLogTarget.Stderr;
            default:
                warnings.Add($"{HeartEnvironment.Log}={text}: expected kmsg or stderr; using the default");
                return HeartLogTarget.Auto;
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>"TRUE" in any case, or "1", as OTP reads HEART_NO_KILL.</summary>
    private static bool IsTrue(string? text) => text?.Trim() is { } t && (t.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || t == "1");
}
