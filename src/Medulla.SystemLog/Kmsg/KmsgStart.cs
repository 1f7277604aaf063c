namespace Medulla.SystemLog;

/// <summary>Where a <see cref="KmsgReader"/> starts.</summary>
public enum KmsgStart
{
    /// <summary>At the oldest record still in the ring (the boot messages, if the ring is large enough).</summary>
    Beginning,

    /// <summary>After the newest record (SEEK_END): only what the kernel logs from now on.</summary>
    End,
}
