namespace Medulla.SystemLog;

/// <summary>Settings of a <see cref="SyslogServer"/>.</summary>
public sealed class SyslogServerOptions
{
    /// <summary>The socket programs log to.</summary>
    public const string DefaultSocketPath = "/dev/log";

    /// <summary>The largest datagram kept whole: 64 KiB; longer ones are cut and counted.</summary>
    public const int MaxDatagramBytes = 64 * 1024;

    /// <summary>The socket path (default /dev/log). A stale socket there is replaced; anything else is refused.</summary>
    public string SocketPath { get; set; } = DefaultSocketPath;

    /// <summary>
    /// The socket receive buffer to ask for (default 4 MiB): the bytes a burst of large datagrams may
    /// hold in the kernel before senders wait. Above net.core.rmem_max only as root (SO_RCVBUFFORCE).
    /// The number of queued datagrams is capped separately by net.unix.max_dgram_qlen (Linux's default
    /// is 10); raise that sysctl on a device whose programs log in bursts.
    /// </summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is not allowed; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(SocketPath))
        {
            throw new ArgumentException($"{nameof(SocketPath)} is empty; give the socket path, e.g. {DefaultSocketPath}");
        }
        if (ReceiveBufferBytes < 0)
        {
            throw new ArgumentException($"{nameof(ReceiveBufferBytes)} is {ReceiveBufferBytes}; expected 0 (the system default) or more");
        }
    }
}
