using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>Terminal queries.</summary>
internal static class Terminal
{
    /// <summary>Whether the file descriptor refers to a terminal (isatty(3)).</summary>
    public static bool IsTerminal(int fd) => Libc.isatty(fd) == 1;
}
