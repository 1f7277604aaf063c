namespace Medulla.SystemLog;

/// <summary>One record of the kernel log (/dev/kmsg).</summary>
public sealed class KmsgRecord
{
    /// <summary>Creates a record.</summary>
    public KmsgRecord(int priority, ulong sequence, ulong microseconds, string flags, string message, IReadOnlyList<KeyValuePair<string, string>> properties)
    {
        Priority = priority;
        Sequence = sequence;
        Microseconds = microseconds;
        Flags = flags ?? throw new ArgumentNullException(nameof(flags));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Properties = properties ?? throw new ArgumentNullException(nameof(properties));
    }

    /// <summary>The syslog priority: facility * 8 + severity.</summary>
    public int Priority { get; }

    /// <summary>The facility (0 kern, 1 user, ...): priority / 8.</summary>
    public int Facility => Priority >> 3;

    /// <summary>The severity (0 emergency .. 7 debug): priority % 8.</summary>
    public int Severity => Priority & 7;

    /// <summary>The kernel's sequence number; consecutive records differ by one, a larger step means records were lost.</summary>
    public ulong Sequence { get; }

    /// <summary>The kernel timestamp: microseconds since boot (CLOCK_MONOTONIC when the record was made).</summary>
    public ulong Microseconds { get; }

    /// <summary>The kernel timestamp as a duration since boot.</summary>
    public TimeSpan SinceBoot => TimeSpan.FromMicroseconds(Microseconds);

    /// <summary>The flags field: <c>-</c> for a complete record, <c>c</c> for a continued one (other values kept as sent).</summary>
    public string Flags { get; }

    /// <summary>The text, whole: semicolons included, the kernel's <c>\xNN</c> escapes left as they are.</summary>
    public string Message { get; }

    /// <summary>The continuation lines (<c>SUBSYSTEM=...</c>, <c>DEVICE=...</c>) as key/value pairs, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; }
}
