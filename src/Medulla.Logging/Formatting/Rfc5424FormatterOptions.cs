using System.Diagnostics;
using System.Globalization;

namespace Medulla.Logging;

/// <summary>Settings of an <see cref="Rfc5424Formatter"/>.</summary>
public sealed record Rfc5424FormatterOptions
{
    /// <summary>The default structured-data id: "meta" under 32473, the enterprise number reserved for examples (RFC 5612).</summary>
    public const string DefaultStructuredDataId = "meta@32473";

    /// <summary>Syslog facility, 0..23 (default 1, user-level messages).</summary>
    public int Facility { get; init; } = 1;

    /// <summary>APP-NAME (default: the process name). Null or empty is written as "-".</summary>
    public string? AppName { get; init; } = ProcessFacts.Name;

    /// <summary>HOSTNAME (default: <see cref="Environment.MachineName"/> when the options are created). Null or empty is written as "-".</summary>
    public string? HostName { get; init; } = Environment.MachineName;

    /// <summary>PROCID (default: the current process id). Null or empty is written as "-".</summary>
    public string? ProcId { get; init; } = ProcessFacts.Id;

    /// <summary>
    /// SD-ID of the element that carries the event's properties, of the form name@enterprise-number
    /// (names without '@' are reserved to IANA). Default <see cref="DefaultStructuredDataId"/>.
    /// </summary>
    public string StructuredDataId { get; init; } = DefaultStructuredDataId;

    /// <summary>Write the event's properties as structured data (default true); false writes "-".</summary>
    public bool IncludeProperties { get; init; } = true;

    /// <summary>
    /// Replace newlines in the message, exception and structured-data values with spaces (default true).
    /// RFC 5424 allows newlines in MSG, but line-oriented sinks and readers do not.
    /// </summary>
    public bool SingleLine { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    public void Validate()
    {
        if (Facility is < 0 or > 23)
        {
            throw new ArgumentException($"Rfc5424FormatterOptions.Facility must be 0..23, not {Facility}");
        }
        string? id = StructuredDataId;
        if (string.IsNullOrEmpty(id) || id.Length > Rfc5424Formatter.MaxSdNameLength || !id.All(Rfc5424Formatter.IsSdNameChar))
        {
            throw new ArgumentException(
                $"Rfc5424FormatterOptions.StructuredDataId '{id}' must be 1 to {Rfc5424Formatter.MaxSdNameLength} printable ASCII characters other than '=', ' ', ']' and '\"'");
        }
        int at = id.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == id.Length - 1 || !id[(at + 1)..].All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            throw new ArgumentException(
                $"Rfc5424FormatterOptions.StructuredDataId '{id}' must have the form name@enterprise-number, for example '{DefaultStructuredDataId}' (ids without '@' are reserved to IANA, RFC 5424 section 7)");
        }
    }

    private static class ProcessFacts
    {
        private static string? s_name;

        public static string Id { get; } = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        public static string Name => s_name ??= ReadName();

        private static string ReadName()
        {
            using var process = Process.GetCurrentProcess();
            return process.ProcessName;
        }
    }
}
