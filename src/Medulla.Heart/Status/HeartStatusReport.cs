using System.Globalization;
using System.Text;

namespace Medulla.Heart;

/// <summary>
/// Writes the status report: the body of the HEART_CMD reply to GET_CMD, and what the control socket
/// answers. One <c>key=value</c> line per key of <see cref="HeartStatusKeys"/>, in that order; times in
/// whole seconds, rounded up.
/// </summary>
/// <remarks>
/// Rounded up because nerves_heart counts in whole seconds of CLOCK_MONOTONIC: a deadline of 5 s reads 5
/// until a full second has passed, and tools compare the two heart programs' reports.
/// </remarks>
public static class HeartStatusReport
{
    /// <summary>The report text.</summary>
    public static string Format(string programName, string programVersion, HeartTimes times, WatchdogReadings watchdog)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(watchdog);
        var text = new StringBuilder(512);
        Line(text, HeartStatusKeys.ProgramName, programName);
        Line(text, HeartStatusKeys.ProgramVersion, programVersion);
        Line(text, HeartStatusKeys.HeartbeatTimeout, Seconds(times.HeartbeatTimeout));
        Line(text, HeartStatusKeys.HeartbeatTimeLeft, Seconds(times.HeartbeatTimeLeft));
        Line(text, HeartStatusKeys.InitGraceTimeLeft, Seconds(times.InitGraceTimeLeft));
        Line(text, HeartStatusKeys.SnoozeTimeLeft, Seconds(times.SnoozeTimeLeft));
        Line(text, HeartStatusKeys.WatchdogPetTimeLeft, Seconds(times.WatchdogPetTimeLeft));
        Line(text, HeartStatusKeys.InitHandshakeHappened, times.InitHandshakeHappened ? "1" : "0");
        Line(text, HeartStatusKeys.InitHandshakeTimeout, Seconds(times.InitHandshakeTimeout));
        Line(text, HeartStatusKeys.InitHandshakeTimeLeft, Seconds(times.InitHandshakeTimeLeft));
        Line(text, HeartStatusKeys.WatchdogIdentity, watchdog.Identity ?? "none");
        Line(text, HeartStatusKeys.WatchdogFirmwareVersion, watchdog.FirmwareVersion.ToString(CultureInfo.InvariantCulture));
        Line(text, HeartStatusKeys.WatchdogOptions, WatchdogOptionNames.Format(watchdog.Options));
        Line(text, HeartStatusKeys.WatchdogTimeLeft, Number(watchdog.TimeLeftSeconds ?? 0));
        Line(text, HeartStatusKeys.WatchdogPreTimeout, Number(watchdog.PreTimeoutSeconds ?? 0));
        Line(text, HeartStatusKeys.WatchdogTimeout, times.WatchdogTimeout is { } t ? Seconds(t) : "0");
        Line(text, HeartStatusKeys.WatchdogLastBoot, WatchdogOptionNames.LastBoot(watchdog.BootStatus));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(key).Append('=').Append(value.Replace('\n', ' ')).Append('\n');

    private static string Seconds(TimeSpan time) =>
        Number(time <= TimeSpan.Zero ? 0 : (time.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
