using System.Runtime.InteropServices;

namespace Medulla.Linux.Interop;

/// <summary>Raw libc entry points. Callers turn failures into exceptions that name the path or device.</summary>
internal static partial class Libc
{
    private const string Lib = "libc";

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int isatty(int fd);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int statx(int dirfd, string path, int flags, uint mask, StatxBuffer* buffer);

    internal const int AT_FDCWD = -100;
    internal const int AT_EMPTY_PATH = 0x1000;
    internal const uint STATX_TYPE = 0x1;
    internal const uint STATX_INO = 0x100;
    internal const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>In stx_attributes: the file is the root of a mount (reported when stx_attributes_mask has it).</summary>
    internal const ulong STATX_ATTR_MOUNT_ROOT = 0x2000;

    // File type bits of st_mode (sys/stat.h), the same on every Linux architecture.
    internal const int S_IFMT = 0xF000;
    internal const int S_IFSOCK = 0xC000;
    internal const int S_IFLNK = 0xA000;
    internal const int S_IFREG = 0x8000;
    internal const int S_IFBLK = 0x6000;
    internal const int S_IFDIR = 0x4000;
    internal const int S_IFCHR = 0x2000;
    internal const int S_IFIFO = 0x1000;
}

/// <summary>struct statx from linux/stat.h: architecture independent, unlike struct stat.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StatxBuffer
{
    public uint Mask;
    public uint BlockSize;
    public ulong Attributes;
    public uint LinkCount;
    public uint Uid;
    public uint Gid;
    public ushort Mode;
    public ushort Padding0;
    public ulong Inode;
    public ulong Size;
    public ulong Blocks;
    public ulong AttributesMask;
    public unsafe fixed byte Timestamps[64];
    public uint RdevMajor;
    public uint RdevMinor;
    public uint DevMajor;
    public uint DevMinor;
    public unsafe fixed ulong Spare[14];
}
