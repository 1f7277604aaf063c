using Medulla.Linux;

namespace Medulla.Pstore;

/// <summary>The seam between <see cref="PstoreReader.EnsureMounted"/> and the kernel, so tests read fake trees without mounting.</summary>
internal interface IPstoreMount
{
    /// <summary>Whether <paramref name="directory"/> is a mount point.</summary>
    bool IsMountPoint(string directory);

    /// <summary>Mounts the pstore file system on <paramref name="directory"/>.</summary>
    void Mount(string directory);
}

/// <summary>The real thing: statx to tell mount points, mount(2) to mount.</summary>
internal sealed class KernelPstoreMount : IPstoreMount
{
    internal static readonly KernelPstoreMount Instance = new();

    public bool IsMountPoint(string directory) => Mounts.IsMountPoint(directory);

    // As systemd mounts it (sys-fs-pstore.mount): nothing in pstore is a program or a device.
    public void Mount(string directory) =>
        Mounts.Mount("pstore", directory, "pstore", MountOptions.NoSuid | MountOptions.NoDev | MountOptions.NoExec);
}
