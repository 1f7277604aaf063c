namespace Medulla.Devices.Tests.Support;

/// <summary>A directory laid out like /sys: devices with <c>uevent</c> files and <c>subsystem</c> symlinks.</summary>
internal sealed class FakeSysfs : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-devices-sysfs");

    public string Root => _dir.Path;

    /// <summary>Adds (or rewrites) the device at <paramref name="devPath"/>.</summary>
    public void Add(string devPath, string? subsystem, string uevent)
    {
        string dir = Path.Join(Root, devPath);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "uevent"), uevent);
        if (subsystem is not null)
        {
            string classDir = Path.Combine(Root, "class", subsystem);
            Directory.CreateDirectory(classDir);
            string link = Path.Combine(dir, "subsystem");
            if (!File.Exists(link) && !Directory.Exists(link))
            {
                Directory.CreateSymbolicLink(link, Path.GetRelativePath(dir, classDir));
            }
        }
    }

    public void Remove(string devPath) => Directory.Delete(Path.Join(Root, devPath), recursive: true);

    public void Dispose() => _dir.Dispose();
}
