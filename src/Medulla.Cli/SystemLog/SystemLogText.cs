using System.Globalization;
using System.Text;
using System.Text.Json;
using Medulla.Cli.Output;
using Medulla.SystemLog;

namespace Medulla.Cli.SystemLog;

/// <summary>
/// How <c>medulla kmsg</c> and <c>medulla syslog listen</c> print a record: a text line for people, or
/// with <c>--json</c> one JSON object per line whose member names and types are a contract for scripts
/// (docs/systemlog.md, "Command line").
/// </summary>
internal static class SystemLogText
{
    private static readonly string[] Severities = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    private static readonly string[] Facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron2",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    /// <summary><c>facility.severity</c> by their syslog names (a number when outside the table).</summary>
    internal static string Priority(int facility, int severity) =>
        $"{(facility >= 0 && facility < Facilities.Length ? Facilities[facility] : facility.ToString(CultureInfo.InvariantCulture))}.{Severities[severity & 7]}";

    /// <summary><c>[seconds since boot] facility.severity message</c>, then each continuation property on its own indented line.</summary>
    internal static string Kmsg(KmsgRecord r)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{r.Microseconds / 1_000_000,5}.{r.Microseconds % 1_000_000:D6}] {Priority(r.Facility, r.Severity)} {r.Message}\n");
        foreach ((string key, string value) in r.Properties)
        {
            text.Append("  ").Append(key).Append('=').Append(value).Append('\n');
        }
        return text.ToString();
    }

    /// <summary><c>seq</c>, <c>usec</c>, <c>facility</c>, <c>severity</c> (integers), <c>message</c>, <c>properties</c> (the continuation lines).</summary>
    internal static string KmsgJson(KmsgRecord r) => JsonLine.Object(json =>
    {
        json.WriteNumber("seq", r.Sequence);
        json.WriteNumber("usec", r.Microseconds);
        json.WriteNumber("facility", r.Facility);
        json.WriteNumber("severity", r.Severity);
        json.WriteString("message", r.Message);
        json.WriteStartObject("properties");
        foreach ((string key, string value) in r.Properties)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    });

    /// <summary><c>timestamp host app[procid]: facility.severity message</c> ("-" for what the message lacks).</summary>
    internal static string Syslog(SyslogMessage m)
    {
        string time = m.Timestamp?.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture) ?? "-";
        string proc = m.ProcId is { } p ? $"[{p}]" : "";
        string malformed = m.IsMalformed ? " (malformed)" : "";
        return $"{time} {m.Hostname ?? "-"} {m.AppName ?? "-"}{proc}: {Priority(m.Facility, m.Severity)}{malformed} {m.Message}\n";
    }

    /// <summary>
    /// <c>facility</c>, <c>severity</c> (integers), <c>timestamp</c>, <c>hostname</c>, <c>app</c>, <c>procid</c>,
    /// <c>msgid</c> (strings or null), <c>structured_data</c> (SD-ID → {param: value}), <c>message</c>; a malformed
    /// datagram also has <c>"malformed": true</c>, its raw text (escaped) as the message.
    /// </summary>
    internal static string SyslogJson(SyslogMessage m) => JsonLine.Object(json =>
    {
        json.WriteNumber("facility", m.Facility);
        json.WriteNumber("severity", m.Severity);
        WriteStringOrNull(json, "timestamp", m.Timestamp?.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
        WriteStringOrNull(json, "hostname", m.Hostname);
        WriteStringOrNull(json, "app", m.AppName);
        WriteStringOrNull(json, "procid", m.ProcId);
        WriteStringOrNull(json, "msgid", m.MsgId);
        json.WriteStartObject("structured_data");
        foreach ((string id, IReadOnlyDictionary<string, string> parameters) in m.StructuredData)
        {
            json.WriteStartObject(id);
            foreach ((string name, string value) in parameters)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteString("message", m.Message);
        if (m.IsMalformed)
        {
            json.WriteBoolean("malformed", true);
        }
    });

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
