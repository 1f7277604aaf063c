namespace Medulla.SystemLog;

/// <summary>One datagram received on a syslog socket, parsed. Absent fields (RFC 5424's '-') are null.</summary>
public sealed class SyslogMessage
{
    internal static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoStructuredData =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

    /// <summary>The header format, or <see cref="SyslogFormat.Malformed"/>.</summary>
    public SyslogFormat Format { get; init; }

    /// <summary>Whether the datagram could not be parsed; <see cref="Message"/> then holds its raw text, escaped.</summary>
    public bool IsMalformed => Format == SyslogFormat.Malformed;

    /// <summary>Why the datagram is malformed; null when it is not.</summary>
    public string? Error { get; init; }

    /// <summary>The priority: facility * 8 + severity (13, user.notice, when a malformed datagram had none).</summary>
    public int Priority { get; init; } = SyslogParser.DefaultPriority;

    /// <summary>The facility (0 kern, 1 user, 3 daemon, 16..23 local0..local7).</summary>
    public int Facility => Priority >> 3;

    /// <summary>The severity (0 emergency .. 7 debug).</summary>
    public int Severity => Priority & 7;

    /// <summary>The sender's timestamp; RFC 3164 has no year and no zone, so the receiver's year and zone complete it.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The host name, when the header carried one.</summary>
    public string? Hostname { get; init; }

    /// <summary>The application name (RFC 5424 APP-NAME, RFC 3164 tag).</summary>
    public string? AppName { get; init; }

    /// <summary>The process id as sent (RFC 5424 PROCID, RFC 3164 <c>tag[pid]</c>).</summary>
    public string? ProcId { get; init; }

    /// <summary>RFC 5424's MSGID.</summary>
    public string? MsgId { get; init; }

    /// <summary>RFC 5424's structured data: SD-ID to its parameters, escapes (<c>\"</c>, <c>\\</c>, <c>\]</c>) resolved.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> StructuredData { get; init; } = NoStructuredData;

    /// <summary>The message text (for a malformed datagram, the whole datagram escaped).</summary>
    public string Message { get; init; } = "";

    /// <summary>The sending process, from SCM_CREDENTIALS; null when the kernel did not say (or the message was not received from a socket).</summary>
    public int? SenderPid { get; internal set; }

    /// <summary>The sending user, from SCM_CREDENTIALS; null when the kernel did not say.</summary>
    public long? SenderUid { get; internal set; }

    /// <summary>Whether the datagram was longer than the receive buffer and was cut.</summary>
    public bool Truncated { get; internal set; }
}
