using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Medulla.Heart;

/// <summary>
/// Reads <see cref="MedullaHeartOptions"/> from configuration by hand (no reflection binder, so it stays
/// trimming- and AOT-safe). Errors name the full key and what is allowed.
/// </summary>
internal static class MedullaHeartOptionsReader
{
    public static void Read(IConfigurationSection section, MedullaHeartOptions options)
    {
        if (section["Enabled"] is { } enabled)
        {
            options.Enabled = Bool(section, "Enabled", enabled);
        }
        if (section["DaemonPath"] is { } daemon)
        {
            options.DaemonPath = daemon;
        }
        if (section["WatchdogPath"] is { } watchdog)
        {
            options.WatchdogPath = watchdog;
        }
        if (section["KeepWatchdogOnShutdown"] is { } keep)
        {
            options.KeepWatchdogOnShutdown = Bool(section, "KeepWatchdogOnShutdown", keep);
        }
        if (section["UseHealthChecks"] is { } health)
        {
            options.UseHealthChecks = Bool(section, "UseHealthChecks", health);
        }
        options.HeartbeatTimeout = Duration(section, "HeartbeatTimeout") ?? options.HeartbeatTimeout;
        options.BeatInterval = Duration(section, "BeatInterval") ?? options.BeatInterval;
        options.KernelTimeout = Duration(section, "KernelTimeout") ?? options.KernelTimeout;
        options.InitTimeout = Duration(section, "InitTimeout") ?? options.InitTimeout;
        options.InitGraceTime = Duration(section, "InitGraceTime") ?? options.InitGraceTime;
        options.StartTimeout = Duration(section, "StartTimeout") ?? options.StartTimeout;
        foreach (IConfigurationSection variable in section.GetSection("Environment").GetChildren())
        {
            options.Environment[variable.Key] = variable.Value ?? "";
        }
    }

    private static bool Bool(IConfigurationSection section, string key, string text) =>
        bool.TryParse(text, out bool value) ? value : throw Error(section, key, $"'{text}' is not true or false");

    private static TimeSpan? Duration(IConfigurationSection section, string key)
    {
        string? text = section[key]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach ((string suffix, double seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n >= 0)
            {
                return TimeSpan.FromSeconds(n * seconds);
            }
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double plain) && plain >= 0)
        {
            return TimeSpan.FromSeconds(plain);
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero)
        {
            return span;
        }
        throw Error(section, key, $"'{text}' is not a duration; expected seconds (60), a number with ms, s, m or h (\"5s\"), or hh:mm:ss");
    }

    private static ArgumentException Error(IConfigurationSection section, string key, string what) =>
        new($"{section.Path}:{key}: {what}");
}
