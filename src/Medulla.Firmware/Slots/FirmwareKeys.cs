namespace Medulla.Firmware;

/// <summary>
/// The variable names of the Nerves firmware metadata convention, shared with fwup and nerves_runtime.
/// Slot variables are stored as <c>&lt;slot&gt;.&lt;name&gt;</c>, e.g. <c>a.nerves_fw_version</c>.
/// </summary>
public static class FirmwareKeys
{
    /// <summary>The active slot's prefix, "a" or "b".</summary>
    public const string Active = "nerves_fw_active";

    /// <summary>"1" when the running firmware was validated, "0" when not (global, or per slot as <c>&lt;slot&gt;.nerves_fw_validated</c>).</summary>
    public const string Validated = "nerves_fw_validated";

    /// <summary>"1" when the firmware validates itself at start (read by the application, not by Medulla).</summary>
    public const string Autovalidate = "nerves_fw_autovalidate";

    /// <summary>The device holding the firmware, e.g. /dev/mmcblk0.</summary>
    public const string DevPath = "nerves_fw_devpath";

    /// <summary>The device's serial number.</summary>
    public const string SerialNumber = "nerves_serial_number";

    /// <summary>U-Boot's bootcount-limit switch: "1" after an upgrade, so U-Boot counts boots; "0" once validated.</summary>
    public const string UpgradeAvailable = "upgrade_available";

    /// <summary>U-Boot's count of boots since the upgrade (kept in the environment with CONFIG_BOOTCOUNT_ENV).</summary>
    public const string BootCount = "bootcount";

    /// <summary>The boot count above which U-Boot runs <c>altbootcmd</c> instead of <c>bootcmd</c>.</summary>
    public const string BootLimit = "bootlimit";

    /// <summary>Slot variable: the firmware version.</summary>
    public const string Version = "nerves_fw_version";

    /// <summary>Slot variable: the product name.</summary>
    public const string Product = "nerves_fw_product";

    /// <summary>Slot variable: the platform (board) the firmware is built for.</summary>
    public const string Platform = "nerves_fw_platform";

    /// <summary>Slot variable: the CPU architecture the firmware is built for.</summary>
    public const string Architecture = "nerves_fw_architecture";

    /// <summary>Slot variable: the author.</summary>
    public const string Author = "nerves_fw_author";

    /// <summary>Slot variable: a description.</summary>
    public const string Description = "nerves_fw_description";

    /// <summary>Slot variable: the source control identifier (e.g. a git commit).</summary>
    public const string VcsIdentifier = "nerves_fw_vcs_identifier";

    /// <summary>Slot variable: anything else the build recorded.</summary>
    public const string Misc = "nerves_fw_misc";

    /// <summary>Slot variable: the firmware's UUID.</summary>
    public const string Uuid = "nerves_fw_uuid";

    /// <summary>Slot variable: the application data partition's device.</summary>
    public const string ApplicationPartDevPath = "nerves_fw_application_part0_devpath";

    /// <summary>Slot variable: the application data partition's file system type.</summary>
    public const string ApplicationPartFsType = "nerves_fw_application_part0_fstype";

    /// <summary>Slot variable: where the application data partition is mounted.</summary>
    public const string ApplicationPartTarget = "nerves_fw_application_part0_target";

    /// <summary>The name under which <paramref name="key"/> is stored for <paramref name="slot"/>: <c>slot.key</c>.</summary>
    public static string InSlot(string slot, string key)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(key);
        return slot + "." + key;
    }
}
