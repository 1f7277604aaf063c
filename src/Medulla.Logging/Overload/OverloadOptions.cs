namespace Medulla.Logging;

/// <summary>
/// Per-handler overload protection, after Erlang/OTP's logger_olp. The queue length is the number of
/// formatted events waiting for the handler's writer. At <see cref="SyncModeQueueLength"/> callers wait
/// until the queue falls back below it; at <see cref="DropModeQueueLength"/> new events are dropped and
/// counted; at <see cref="FlushQueueLength"/> the queue is discarded. Setting a threshold equal to the
/// next one disables that mode (sync == drop: no sync mode; drop == flush: no drop mode).
/// </summary>
/// <remarks>
/// The defaults differ from OTP's 10 / 200 / 1000 because a hand-off to another thread costs far more in
/// .NET than an Erlang message: entering sync mode at 10 queued events makes a busy producer wait for
/// the writer every ten events. Medulla formats on the caller's thread and queues bytes in 64 KiB blocks,
/// so thousands of queued events cost little memory; docs/benchmarks.md has the measurement behind
/// these numbers.
/// </remarks>
public sealed record OverloadOptions
{
    /// <summary>Queue length at which callers start to wait for the writer (sync mode).</summary>
    public int SyncModeQueueLength { get; init; } = 10_000;

    /// <summary>Queue length at which new events are dropped and counted (drop mode).</summary>
    public int DropModeQueueLength { get; init; } = 20_000;

    /// <summary>Queue length at which the queued events are discarded and counted (flush).</summary>
    public int FlushQueueLength { get; init; } = 100_000;

    /// <summary>Whether at most <see cref="BurstLimitMaxCount"/> events per <see cref="BurstLimitWindow"/> pass.</summary>
    public bool BurstLimitEnabled { get; init; }

    /// <summary>Events allowed per burst window.</summary>
    public int BurstLimitMaxCount { get; init; } = 500;

    /// <summary>The burst window.</summary>
    public TimeSpan BurstLimitWindow { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>Whether an overloaded handler is stopped (queue discarded, sink closed) and restarted later.</summary>
    public bool OverloadKillEnabled { get; init; }

    /// <summary>Queue length that triggers an overload kill.</summary>
    public int OverloadKillQueueLength { get; init; } = 20_000;

    /// <summary>Bytes of queued records that trigger an overload kill.</summary>
    public long OverloadKillMemorySize { get; init; } = 3_000_000;

    /// <summary>Delay before a killed handler restarts; null means it stays down.</summary>
    public TimeSpan? OverloadKillRestartAfter { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>
    /// Mode changes are reported one by one at most twice per interval (entering an overload and leaving
    /// it); beyond that they are summed into one report at the end of the interval, so a handler that
    /// flaps between modes under a flood does not fill its own log with notices.
    /// </summary>
    public TimeSpan ModeChangeReportInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>OTP's logger_olp defaults (10 / 200 / 1000, burst limit on), for comparison and for callers that want them.</summary>
    public static OverloadOptions OtpDefaults { get; } = new()
    {
        SyncModeQueueLength = 10,
        DropModeQueueLength = 200,
        FlushQueueLength = 1000,
        BurstLimitEnabled = true,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting when the options are inconsistent.</summary>
    public void Validate()
    {
        if (SyncModeQueueLength < 1 || DropModeQueueLength < 1 || FlushQueueLength < 1)
        {
            throw new ArgumentException("queue length thresholds must be at least 1");
        }
        if (SyncModeQueueLength > DropModeQueueLength || DropModeQueueLength > FlushQueueLength)
        {
            throw new ArgumentException(
                $"overload thresholds must satisfy SyncModeQueueLength <= DropModeQueueLength <= FlushQueueLength " +
                $"(got {SyncModeQueueLength}, {DropModeQueueLength}, {FlushQueueLength})");
        }
        if (BurstLimitEnabled && (BurstLimitMaxCount < 1 || BurstLimitWindow <= TimeSpan.Zero))
        {
            throw new ArgumentException("BurstLimitMaxCount must be at least 1 and BurstLimitWindow positive");
        }
        if (OverloadKillEnabled && (OverloadKillQueueLength < 1 || OverloadKillMemorySize < 1))
        {
            throw new ArgumentException("OverloadKillQueueLength and OverloadKillMemorySize must be positive");
        }
        if (ModeChangeReportInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("ModeChangeReportInterval must be positive");
        }
        if (OverloadKillRestartAfter is { } restart && restart < TimeSpan.Zero)
        {
            throw new ArgumentException("OverloadKillRestartAfter must not be negative");
        }
    }
}

/// <summary>The handler's current overload mode.</summary>
public enum OverloadMode
{
    /// <summary>Callers hand events over and go on.</summary>
    Async,
    /// <summary>Callers wait until the queue falls below the sync threshold.</summary>
    Sync,
    /// <summary>New events are dropped.</summary>
    Drop,
}
