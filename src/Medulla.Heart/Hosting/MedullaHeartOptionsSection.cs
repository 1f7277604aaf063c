using System.Globalization;
using Medulla.Linux;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Medulla.Heart;

/// <summary>
/// The <c>Medulla:Heart</c> section as the configuration binder's source generator binds it. Values stay
/// text so that durations take Medulla's one syntax (<see cref="ValueSyntax"/>: a bare number counts
/// seconds here, as HEART_BEAT_TIMEOUT does) and every error names the key, the value and what is
/// allowed; <see cref="ApplyTo"/> converts them once into <see cref="MedullaHeartOptions"/>.
/// </summary>
internal sealed class MedullaHeartOptionsSection
{
    public string? Enabled { get; set; }

    public string? DaemonPath { get; set; }

    public string? HeartbeatTimeout { get; set; }

    public string? BeatInterval { get; set; }

    public string? WatchdogPath { get; set; }

    public string? KernelTimeout { get; set; }

    public string? InitTimeout { get; set; }

    public string? InitGraceTime { get; set; }

    public string? StartTimeout { get; set; }

    public string? ReplyTimeout { get; set; }

    public string? KeepWatchdogOnShutdown { get; set; }

    public string? UseHealthChecks { get; set; }

    public Dictionary<string, string?> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Binds the section of <paramref name="configuration"/> into <paramref name="target"/> (generated binding code, no reflection).</summary>
    internal static void Bind(IConfiguration? configuration, MedullaHeartOptionsSection target) =>
        configuration?.GetSection(MedullaHeartOptions.SectionPath).Bind(target);

    /// <summary>Sets every key present onto <paramref name="options"/>; returns one error per bad value.</summary>
    internal List<string> ApplyTo(MedullaHeartOptions options)
    {
        var errors = new List<string>();
        Bool(Enabled, nameof(Enabled), v => options.Enabled = v);
        Bool(KeepWatchdogOnShutdown, nameof(KeepWatchdogOnShutdown), v => options.KeepWatchdogOnShutdown = v);
        Bool(UseHealthChecks, nameof(UseHealthChecks), v => options.UseHealthChecks = v);
        if (DaemonPath is not null)
        {
            options.DaemonPath = DaemonPath;
        }
        if (WatchdogPath is not null)
        {
            options.WatchdogPath = WatchdogPath;
        }
        Duration(HeartbeatTimeout, nameof(HeartbeatTimeout), v => options.HeartbeatTimeout = v);
        Duration(BeatInterval, nameof(BeatInterval), v => options.BeatInterval = v);
        Duration(KernelTimeout, nameof(KernelTimeout), v => options.KernelTimeout = v);
        Duration(InitTimeout, nameof(InitTimeout), v => options.InitTimeout = v);
        Duration(InitGraceTime, nameof(InitGraceTime), v => options.InitGraceTime = v);
        Duration(StartTimeout, nameof(StartTimeout), v => options.StartTimeout = v);
        Duration(ReplyTimeout, nameof(ReplyTimeout), v => options.ReplyTimeout = v);
        foreach ((string name, string? value) in Environment)
        {
            options.Environment[name] = value ?? "";
        }
        return errors;

        void Bool(string? text, string key, Action<bool> set)
        {
            if (text is null)
            {
                return;
            }
            if (bool.TryParse(text.Trim(), out bool value))
            {
                set(value);
            }
            else
            {
                errors.Add($"{MedullaHeartOptions.SectionPath}:{key}: '{text}' is not allowed; expected true or false");
            }
        }

        void Duration(string? text, string key, Action<TimeSpan> set)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }
            if (ValueSyntax.TryParseDuration(text, 1000, out decimal ms) && ms >= 0 && ms <= MaxMilliseconds)
            {
                set(ValueSyntax.ToTimeSpan(ms));
            }
            else
            {
                errors.Add($"{MedullaHeartOptions.SectionPath}:{key}: '{text}' is not allowed; expected a duration from 0 to "
                    + $"{(MaxMilliseconds / 1000).ToString(CultureInfo.InvariantCulture)}s, written e.g. {ValueSyntax.DurationForms}; a bare number counts seconds");
            }
        }
    }

    /// <summary>The longest duration any heart key could use (the heart's own limits are smaller; Validate says which).</summary>
    private const decimal MaxMilliseconds = int.MaxValue * 1000m;
}

/// <summary>Refuses a <c>Medulla:Heart</c> section with a value that is not a duration or a boolean.</summary>
internal sealed class MedullaHeartOptionsSectionValidator : IValidateOptions<MedullaHeartOptionsSection>
{
    public ValidateOptionsResult Validate(string? name, MedullaHeartOptionsSection options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> errors = options.ApplyTo(new MedullaHeartOptions());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
