namespace Medulla.Heart;

/// <summary>
/// Settings of the heart hosted service (<see cref="HeartServiceCollectionExtensions.AddMedullaHeart"/>),
/// read from the <c>Medulla:Heart</c> configuration section.
/// </summary>
/// <remarks>
/// Keys: <c>Enabled</c>, <c>DaemonPath</c>, <c>HeartbeatTimeout</c>, <c>BeatInterval</c>,
/// <c>WatchdogPath</c>, <c>KernelTimeout</c>, <c>InitTimeout</c>, <c>InitGraceTime</c>, <c>StartTimeout</c>,
/// <c>ReplyTimeout</c>, <c>KeepWatchdogOnShutdown</c>, <c>UseHealthChecks</c>, and <c>Environment</c> (a
/// section of variables for the daemon). Durations take Medulla's one syntax (docs/configuration.md):
/// <c>"500ms"</c>, <c>"5s"</c>, <c>"2m"</c>, <c>"1h"</c>, <c>"00:01:00"</c>, or a bare number of seconds
/// (<c>60</c>). A bad value stops the host at start with a message naming the key.
/// </remarks>
public sealed class MedullaHeartOptions : HeartClientOptions
{
    /// <summary>The configuration section read by default.</summary>
    public const string SectionPath = "Medulla:Heart";

    /// <summary>Whether to start the heart at all (default true). Turn it off on a development machine.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often to beat (default 5 s, as Erlang's heart does); less than half the heartbeat timeout.</summary>
    public TimeSpan BeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether beats depend on health checks (default true): the gating ones, by default those tagged
    /// <c>medulla-heart</c>. While they report
    /// Unhealthy, or take longer than the heartbeat timeout, no beat is sent and the heart reboots.
    /// </summary>
    public bool UseHealthChecks { get; set; } = true;

    /// <summary>Checks the values; the message names the key and what is allowed.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public override void Validate()
    {
        base.Validate();
        if (BeatInterval <= TimeSpan.Zero || BeatInterval * 2 > HeartbeatTimeout)
        {
            throw new ArgumentException(
                $"{nameof(BeatInterval)} is {BeatInterval.TotalSeconds} s; expected more than 0 and at most half of {nameof(HeartbeatTimeout)} ({HeartbeatTimeout.TotalSeconds} s)");
        }
    }
}
