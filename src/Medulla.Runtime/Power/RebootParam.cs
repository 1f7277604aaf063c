namespace Medulla.Runtime;

/// <summary>
/// The reboot argument file (/run/reboot-param, as Nerves has it): erlinit reads it at shutdown and hands
/// its text to reboot(2) (LINUX_REBOOT_CMD_RESTART2), which some boot loaders and kernels act on
/// ("recovery", "bootloader", a partition number).
/// </summary>
internal static class RebootParam
{
    /// <summary>Where Nerves writes it.</summary>
    public const string DefaultPath = "/run/reboot-param";

    /// <summary>
    /// Writes <paramref name="argument"/> to <paramref name="path"/>, or removes a file left there when it is
    /// null or empty, so an old argument does not ride along with a plain reboot.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written or removed.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    public static void Write(string path, string? argument)
    {
        if (string.IsNullOrEmpty(argument))
        {
            File.Delete(path);
            return;
        }
        File.WriteAllText(path, argument);
    }
}
