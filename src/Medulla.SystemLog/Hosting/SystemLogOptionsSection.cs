using System.Numerics;
using Medulla.Linux;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Medulla.SystemLog;

/// <summary>
/// The <c>Medulla:SystemLog</c> section as the configuration binder's source generator binds it. Values stay
/// text so that sizes take Medulla's one syntax (<see cref="ValueSyntax"/>: <c>4MiB</c>) and every error
/// names the key, the value and what is allowed; <see cref="ApplyTo"/> converts them once into
/// <see cref="SystemLogOptions"/>.
/// </summary>
internal sealed class SystemLogOptionsSection
{
    public KmsgSection Kmsg { get; set; } = new();

    public SyslogSection Syslog { get; set; } = new();

    /// <summary>Binds the section of <paramref name="configuration"/> into <paramref name="target"/> (generated binding code, no reflection).</summary>
    internal static void Bind(IConfiguration? configuration, SystemLogOptionsSection target) =>
        configuration?.GetSection(SystemLogOptions.SectionPath).Bind(target);

    /// <summary>Sets every key present onto <paramref name="options"/>; returns one error per bad value.</summary>
    internal List<string> ApplyTo(SystemLogOptions options)
    {
        var errors = new List<string>();
        Bool(Kmsg.Enabled, "Kmsg:Enabled", v => options.Kmsg.Enabled = v);
        if (Kmsg.Path is not null)
        {
            options.Kmsg.Path = Kmsg.Path;
        }
        if (!string.IsNullOrWhiteSpace(Kmsg.Start))
        {
            switch (Kmsg.Start.Trim().ToUpperInvariant())
            {
                case "BEGINNING":
                    options.Kmsg.Start = KmsgStart.Beginning;
                    break;
                case "END":
                    options.Kmsg.Start = KmsgStart.End;
                    break;
                default:
                    errors.Add($"{SystemLogOptions.SectionPath}:Kmsg:Start: '{Kmsg.Start}' is not allowed; expected beginning or end");
                    break;
            }
        }
        Bool(Syslog.Enabled, "Syslog:Enabled", v => options.Syslog.Enabled = v);
        if (Syslog.SocketPath is not null)
        {
            options.Syslog.SocketPath = Syslog.SocketPath;
        }
        Size(Syslog.ReceiveBufferBytes, "Syslog:ReceiveBufferBytes", 0, v => options.Syslog.ReceiveBufferBytes = v);
        return errors;

        void Bool(string? text, string key, Action<bool> set)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }
            if (bool.TryParse(text.Trim(), out bool value))
            {
                set(value);
            }
            else
            {
                errors.Add($"{SystemLogOptions.SectionPath}:{key}: '{text}' is not allowed; expected true or false");
            }
        }

        void Size(string? text, string key, int minimum, Action<int> set)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }
            if (ValueSyntax.TryParseSize(text, out BigInteger value) && value >= minimum && value <= int.MaxValue)
            {
                set((int)value);
            }
            else
            {
                errors.Add($"{SystemLogOptions.SectionPath}:{key}: '{text}' is not allowed; expected {minimum}..{int.MaxValue}, optionally with KiB, MiB, KB, MB");
            }
        }
    }
}

/// <summary>The <c>Medulla:SystemLog:Kmsg</c> section as text.</summary>
internal sealed class KmsgSection
{
    public string? Enabled { get; set; }

    public string? Path { get; set; }

    public string? Start { get; set; }
}

/// <summary>The <c>Medulla:SystemLog:Syslog</c> section as text.</summary>
internal sealed class SyslogSection
{
    public string? Enabled { get; set; }

    public string? SocketPath { get; set; }

    public string? ReceiveBufferBytes { get; set; }
}

/// <summary>Refuses a <c>Medulla:SystemLog</c> section with a value that is not a boolean, a size or a start position.</summary>
internal sealed class SystemLogOptionsSectionValidator : IValidateOptions<SystemLogOptionsSection>
{
    public ValidateOptionsResult Validate(string? name, SystemLogOptionsSection options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = options.ApplyTo(new SystemLogOptions());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
