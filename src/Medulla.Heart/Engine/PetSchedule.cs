namespace Medulla.Heart;

/// <summary>How often the hardware watchdog is petted, given its timeout.</summary>
public static class PetSchedule
{
    /// <summary>The timeout assumed until the device says otherwise (nerves_heart's default).</summary>
    public static readonly TimeSpan DefaultWatchdogTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The margin kept before a long timeout expires.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>The interval used when nothing is to be petted: long enough never to come.</summary>
    public static readonly TimeSpan Never = TimeSpan.FromDays(365);

    /// <summary>
    /// The pet interval: 10 seconds before the timeout when the timeout is longer than 20 seconds, else
    /// half the timeout. Either way at least 10 seconds (or half the timeout) are left for a late pet.
    /// </summary>
    public static TimeSpan IntervalFor(TimeSpan watchdogTimeout)
    {
        if (watchdogTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(watchdogTimeout), watchdogTimeout, "a watchdog timeout is positive");
        }
        return watchdogTimeout > 2 * Margin ? watchdogTimeout - Margin : watchdogTimeout / 2;
    }
}
