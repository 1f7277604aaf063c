using System.Globalization;
using System.Text;
using Medulla.Linux;

namespace Medulla.Heart.Daemon;

/// <summary>
/// Leaves one line in pmsg before a reboot, so the next boot can tell from pstore why the heart rebooted.
/// The device is never created: a missing /dev/pmsg0 (a kernel without pmsg) means no breadcrumb.
/// </summary>
internal sealed class RebootBreadcrumb(string path, TimeProvider clock, DaemonLog log)
{
    /// <summary>Writes <c>2026-11-22T06:44:44.123456Z critical medulla-heart: reboot: REASON</c>, in one write.</summary>
    public void Leave(string reason)
    {
        try
        {
            // A character device in real life, a regular file made by a test; never a pipe that could block.
            if (FileTypes.OfPath(path) is not (FileType.CharacterDevice or FileType.Regular))
            {
                return;
            }
            string time = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            using var handle = DeviceFile.OpenWriteOnly(path);
            DeviceFile.Write(handle, Encoding.UTF8.GetBytes($"{time} critical medulla-heart: reboot: {reason}\n"), path);
        }
        catch (IOException ex)
        {
            log.Failure($"cannot leave the reboot breadcrumb in {path}: {ex.Message}");
        }
    }
}
