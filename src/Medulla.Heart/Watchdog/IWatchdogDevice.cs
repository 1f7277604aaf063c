namespace Medulla.Heart;

/// <summary>
/// The hardware watchdog as the heart uses it: petted on a schedule, disarmed only when the app stops
/// on purpose, queried for the status report. The seam where tests put a fake.
/// </summary>
public interface IWatchdogDevice : IDisposable
{
    /// <summary>The device path.</summary>
    string Path { get; }

    /// <summary>
    /// The timeout the pet schedule should follow: the device's once it is open, an assumed one before,
    /// null when the device could not be opened and was given up on.
    /// </summary>
    TimeSpan? Timeout { get; }

    /// <summary>
    /// Pets the watchdog, opening the device first if it is not open yet (a device may appear late, so
    /// opening is retried on later pets a few times). Returns whether a pet reached the device. Never
    /// throws: a failure is logged and retried on the next pet.
    /// </summary>
    bool Pet();

    /// <summary>
    /// Stops petting for good while keeping the device open: closing it could disarm a watchdog whose
    /// driver stops on close, and the point of stopping is to let the watchdog fire.
    /// </summary>
    void StopPetting();

    /// <summary>
    /// Disarms the watchdog with the magic close (writes 'V', then closes the device) and stops petting.
    /// A driver built with nowayout keeps running anyway. Never throws: a failure is logged.
    /// </summary>
    void Disarm();

    /// <summary>What the device reports now (identity, options, time left, ...); empty when it is not open.</summary>
    WatchdogReadings Read();
}
