namespace Medulla.SystemLog;

/// <summary>Which header a syslog datagram carried.</summary>
public enum SyslogFormat
{
    /// <summary>None that could be parsed: the message is the datagram's raw text, escaped.</summary>
    Malformed,

    /// <summary>The BSD format, RFC 3164: <c>&lt;pri&gt;Mmm dd hh:mm:ss [host] tag[pid]: msg</c>.</summary>
    Rfc3164,

    /// <summary>The syslog protocol, RFC 5424: <c>&lt;pri&gt;1 timestamp host app procid msgid sd msg</c>.</summary>
    Rfc5424,
}
