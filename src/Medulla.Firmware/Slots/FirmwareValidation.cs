namespace Medulla.Firmware;

/// <summary>Whether the running firmware has been marked good.</summary>
public enum FirmwareValidation
{
    /// <summary>No variable says either way; treated as valid (a device that never uses validation).</summary>
    Unknown,

    /// <summary>Marked good: it stays after the next reboot.</summary>
    Validated,

    /// <summary>Not yet marked good: the boot loader may go back to the other slot.</summary>
    Unvalidated,
}
