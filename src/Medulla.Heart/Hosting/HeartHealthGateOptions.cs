using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Medulla.Heart;

/// <summary>
/// Which registered health checks gate the beats of <see cref="HeartHostedService"/>: while one of them
/// reports Unhealthy, no beat is sent and the heart reboots the device. Set in code with
/// <see cref="HeartHealthChecksExtensions.AddMedullaHeartHealthGate"/>; it is not read from configuration.
/// </summary>
/// <remarks>
/// By default only the checks tagged <see cref="Tag"/> gate the beats, so that a check meant for something
/// else (a readiness check that a remote server is reachable, say) cannot reboot a device: tag a check
/// <c>medulla-heart</c> only when a reboot is the right cure for it failing.
/// </remarks>
public sealed class HeartHealthGateOptions
{
    /// <summary>The tag that makes a health check gate the heart's beats by default.</summary>
    public const string Tag = "medulla-heart";

    /// <summary>Chooses the gating checks (default: those tagged <see cref="Tag"/>).</summary>
    public Func<HealthCheckRegistration, bool> Predicate { get; set; } = static registration => registration.Tags.Contains(Tag);
}
