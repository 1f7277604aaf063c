using Medulla.Linux;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Heart;

/// <summary>
/// A Linux watchdog device (/dev/watchdogN). Opened lazily on the first pet and retried on later pets
/// (a driver may register after the heart starts); given up after <see cref="OpenAttempts"/> failures.
/// Petted with WDIOC_KEEPALIVE when the driver supports it, else by writing a zero byte. Never writes the
/// magic 'V', and never closes the device when told to stop petting.
/// </summary>
public sealed class LinuxWatchdogDevice : IWatchdogDevice
{
    /// <summary>How many failed opens are tolerated before running without a watchdog (nerves_heart's 10).</summary>
    public const int OpenAttempts = 10;

    private readonly int? _requestedTimeoutSeconds;
    private readonly ILogger _log;
    private SafeFileHandle? _handle;
    private int _attemptsLeft = OpenAttempts;
    private bool _keepAliveIoctl;
    private bool _stopped;

    /// <summary>Describes the device; nothing is opened yet.</summary>
    /// <param name="path">The device path.</param>
    /// <param name="requestedTimeoutSeconds">A timeout to set when opened (HEART_KERNEL_TIMEOUT), or null.</param>
    /// <param name="log">Where open failures and the schedule are reported.</param>
    public LinuxWatchdogDevice(string path, int? requestedTimeoutSeconds, ILogger log)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(log);
        Path = path;
        _requestedTimeoutSeconds = requestedTimeoutSeconds;
        _log = log;
        // Until the device says otherwise, assume the timeout asked for, which is what it will have.
        Timeout = requestedTimeoutSeconds is int s ? TimeSpan.FromSeconds(s) : PetSchedule.DefaultWatchdogTimeout;
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public TimeSpan? Timeout { get; private set; }

    /// <inheritdoc />
    public bool Pet()
    {
        if (_stopped || !TryOpen())
        {
            return false;
        }
        try
        {
            if (_keepAliveIoctl)
            {
                WatchdogControl.KeepAlive(_handle!, Path);
            }
            else
            {
                WatchdogControl.Write(_handle!, Path);
            }
            return true;
        }
        catch (IOException ex)
        {
            // Reopen on a later pet, as nerves_heart does; a working watchdog does not fail a pet.
            _log.LogError("error petting the watchdog, will reopen it: {Error}", ex.Message);
            _handle!.Dispose();
            _handle = null;
            return false;
        }
    }

    /// <inheritdoc />
    public void StopPetting() => _stopped = true;

    /// <inheritdoc />
    public void Disarm()
    {
        _stopped = true;
        if (_handle is null)
        {
            return;
        }
        try
        {
            WatchdogControl.WriteMagicClose(_handle, Path);
        }
        catch (IOException ex)
        {
            _log.LogError("could not disarm the watchdog: {Error}", ex.Message);
        }
        finally
        {
            _handle.Dispose();
            _handle = null;
        }
    }

    /// <inheritdoc />
    public WatchdogReadings Read()
    {
        if (_handle is null)
        {
            return WatchdogReadings.None;
        }
        WatchdogSupport? support = Try(() => WatchdogControl.GetSupport(_handle, Path));
        return new WatchdogReadings
        {
            Identity = support?.Identity,
            FirmwareVersion = support?.FirmwareVersion ?? 0,
            Options = support?.Options ?? WatchdogOptions.None,
            TimeLeftSeconds = Try(() => WatchdogControl.GetTimeLeft(_handle, Path)),
            PreTimeoutSeconds = Try(() => WatchdogControl.GetPreTimeout(_handle, Path)),
            BootStatus = Try(() => WatchdogControl.GetBootStatus(_handle, Path)),
        };
    }

    /// <summary>Closes the device without the magic character: an armed watchdog stays armed where the driver allows.</summary>
    public void Dispose() => _handle?.Dispose();

    private bool TryOpen()
    {
        if (_handle is not null)
        {
            return true;
        }
        if (_attemptsLeft <= 0)
        {
            return false;
        }
        try
        {
            _handle = WatchdogControl.Open(Path);
        }
        catch (IOException ex)
        {
            if (--_attemptsLeft == 0)
            {
                _log.LogError("cannot open {Path}, running without a hardware watchdog: {Error}", Path, ex.Message);
                Timeout = null;
            }
            return false;
        }
        WatchdogSupport? support = Try(() => WatchdogControl.GetSupport(_handle, Path));
        _keepAliveIoctl = support is { } s && (s.Options & WatchdogOptions.KeepAlivePing) != 0;
        if (_requestedTimeoutSeconds is int requested)
        {
            SetTimeout(requested, support);
        }
        if (Try(() => WatchdogControl.GetTimeout(_handle, Path)) is int seconds && seconds >= HeartSettings.MinKernelTimeoutSeconds)
        {
            Timeout = TimeSpan.FromSeconds(seconds);
        }
        else
        {
            _log.LogError("{Path} does not report a usable timeout; assuming {Seconds} s", Path, (int)Timeout!.Value.TotalSeconds);
        }
        _log.LogInformation("watchdog {Path} ({Identity}) opened: timeout {Timeout} s, pet every {Interval} s",
            Path, support?.Identity ?? "no identity", Timeout!.Value.TotalSeconds, PetSchedule.IntervalFor(Timeout.Value).TotalSeconds);
        return true;
    }

    private void SetTimeout(int seconds, WatchdogSupport? support)
    {
        if (support is not { } s || (s.Options & WatchdogOptions.SetTimeout) == 0)
        {
            _log.LogError("cannot set the watchdog timeout to {Seconds} s: {Path} does not support it", seconds, Path);
            return;
        }
        try
        {
            int taken = WatchdogControl.SetTimeout(_handle!, seconds, Path);
            _log.LogInformation("watchdog timeout set to {Seconds} s", taken);
        }
        catch (IOException ex)
        {
            _log.LogError("cannot set the watchdog timeout to {Seconds} s: {Error}", seconds, ex.Message);
        }
    }

    private static T? Try<T>(Func<T> query) where T : struct
    {
        try
        {
            return query();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
