using Medulla.Firmware;
using Microsoft.Extensions.Logging;

namespace Medulla.Runtime;

/// <summary>Where assisted validation stands.</summary>
public enum AssistedValidationState
{
    /// <summary>Not started yet (the host has not finished starting).</summary>
    NotStarted,

    /// <summary>The running firmware is unvalidated; waiting for the health checks.</summary>
    Waiting,

    /// <summary>The checks passed and the firmware was validated.</summary>
    Validated,

    /// <summary>The firmware was already validated (or carries no validation flag): nothing to do.</summary>
    AlreadyValid,

    /// <summary>The checks did not pass in time: a reboot was requested so the bootloader reverts.</summary>
    TimedOut,

    /// <summary>The firmware metadata could not be read or written; nothing was decided.</summary>
    Failed,
}

/// <summary>
/// The decision of assisted validation: when the running firmware is unvalidated, validate it once the
/// health checks tagged for it pass, or reboot when they do not pass in time, so that U-Boot's bootcount
/// (which counts boots while <c>upgrade_available=1</c>) falls back to the other slot. The heart's init
/// handshake is released only when the firmware is valid, so a hang while waiting is caught by the heart.
/// </summary>
internal sealed class AssistedValidation(
    FirmwareSlots slots,
    Func<CancellationToken, Task<bool>> checksPass,
    Func<CancellationToken, Task> releaseHeart,
    Func<string, Task> reboot,
    TimeSpan timeout,
    TimeSpan checkInterval,
    TimeProvider time,
    ILogger log)
{
    private volatile AssistedValidationState _state;

    public AssistedValidationState State => _state;

    /// <summary>Runs the decision once; returns when the firmware is valid, a reboot was requested, or <paramref name="cancellationToken"/> ends it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        FirmwareValidation validation;
        string? slot;
        try
        {
            validation = slots.Validation;
            slot = slots.ActiveSlot;
        }
        catch (Exception ex) when (ex is KvUnavailableException or IOException or FormatException)
        {
            // Without metadata (no fw_env.config, an unreadable environment) nothing can be validated or reverted; holding the heart back would only
            // reboot a device that may be fine, so it is released and the error logged.
            _state = AssistedValidationState.Failed;
            log.LogError("Assisted validation: cannot read the firmware metadata ({Reason}); releasing the heart's init handshake without validating", ex.Message);
            await releaseHeart(cancellationToken).ConfigureAwait(false);
            return;
        }
        if (validation != FirmwareValidation.Unvalidated)
        {
            _state = AssistedValidationState.AlreadyValid;
            log.LogInformation("Firmware in slot {Slot} is {Validation}: nothing to validate", slot ?? "(unknown)", validation == FirmwareValidation.Validated ? "validated" : "not marked either way (taken as valid)");
            await releaseHeart(cancellationToken).ConfigureAwait(false);
            return;
        }
        _state = AssistedValidationState.Waiting;
        log.LogWarning("Firmware in slot {Slot} is unvalidated: validating it when the health checks pass, rebooting if they do not within {Timeout}", slot ?? "(unknown)", timeout);
        long started = time.GetTimestamp();
        int attempts = 0;
        while (true)
        {
            attempts++;
            if (await checksPass(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    slots.ValidateFirmware();
                }
                catch (KvUnavailableException ex)
                {
                    _state = AssistedValidationState.Failed;
                    log.LogError("Assisted validation: the health checks passed but the firmware could not be marked valid ({Reason}); the heart's init handshake stays held back", ex.Message);
                    return;
                }
                _state = AssistedValidationState.Validated;
                log.LogWarning("Firmware in slot {Slot} validated after {Elapsed} ({Attempts} health check runs)", slot ?? "(unknown)", time.GetElapsedTime(started), attempts);
                await releaseHeart(cancellationToken).ConfigureAwait(false);
                return;
            }
            TimeSpan left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                break;
            }
            await Task.Delay(left < checkInterval ? left : checkInterval, time, cancellationToken).ConfigureAwait(false);
        }
        _state = AssistedValidationState.TimedOut;
        string reason = $"firmware in slot {slot ?? "(unknown)"} not validated: the health checks did not pass within {timeout} ({attempts} runs)";
        log.LogError("{Reason}; rebooting so the bootloader counts the boot and reverts", reason);
        await reboot(reason).ConfigureAwait(false);
    }
}
