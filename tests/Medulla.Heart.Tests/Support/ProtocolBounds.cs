using System.Globalization;
using System.Text.RegularExpressions;

namespace Medulla.Heart.Tests.Support;

/// <summary>
/// What the heart's protocol guarantees about its timers, checkable on a loaded machine: a report's time
/// left (rounded up to whole seconds) is at most the full period and at least the period minus the time
/// the test saw pass since the timer was armed; a reboot comes no earlier than its timeout.
/// </summary>
internal static partial class ProtocolBounds
{
    /// <summary>
    /// Asserts <paramref name="reported"/> lies in [<paramref name="full"/> − <paramref name="elapsed"/>,
    /// <paramref name="full"/>], where <paramref name="elapsed"/> was measured by the test around (and
    /// after) the moment the timer was armed, so it can only be longer than the heart's own measure.
    /// </summary>
    public static void TimeLeft(TimeSpan reported, TimeSpan full, TimeSpan elapsed, string what)
    {
        TimeSpan least = full - elapsed;
        Assert.True(reported <= full && reported >= least,
            $"{what}: {reported.TotalSeconds} s left; expected from {least.TotalSeconds:F1} to {full.TotalSeconds} s after {elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// The "no beat for N s" the heart logs at a heartbeat timeout: at least the timeout (it never fires
    /// early), at most the time the test saw pass (rounded), which bounds it on any machine.
    /// </summary>
    public static void NoBeatFor(string log, int timeoutSeconds, TimeSpan elapsed)
    {
        Match m = NoBeat().Match(log);
        Assert.True(m.Success, $"no 'heartbeat timeout: no beat for N s' line; log:\n{log}");
        int seconds = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(timeoutSeconds, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.InRange(seconds, timeoutSeconds, (int)Math.Ceiling(elapsed.TotalSeconds) + 1);
    }

    [GeneratedRegex(@"heartbeat timeout: no beat for (\d+) s \(timeout (\d+) s\)")]
    private static partial Regex NoBeat();
}
