using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>
/// The <c>Medulla:Logging</c> section as the configuration binder's source generator binds it: every
/// value is kept as its text, so that <see cref="LoggingSettingsBuilder"/> checks it in one place with an
/// error naming the key, the value and what is allowed (the generator can parse neither "5s" nor "10MiB",
/// and its own conversion errors list no allowed values). Handler and formatter types bind their own
/// keys from <see cref="Source"/> at their registration site.
/// </summary>
internal sealed class LoggingSection
{
    /// <summary>The section the values were bound from (null: no configuration).</summary>
    internal IConfigurationSection? Source;

    public string? Level { get; set; }

    public string? FilterDefault { get; set; }

    public string? MessageTruncation { get; set; }

    public Dictionary<string, string?> Categories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string?> Metadata { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, FilterSection> Filters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, HandlerSection> Handlers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds <paramref name="section"/> into a new instance (generated binding code, no reflection).</summary>
    internal static LoggingSection Bind(IConfigurationSection section)
    {
        var bound = new LoggingSection();
        Bind(bound, section);
        return bound;
    }

    /// <summary>Binds <paramref name="section"/> into <paramref name="target"/>, replacing what it held.</summary>
    internal static void Bind(LoggingSection target, IConfigurationSection section)
    {
        section.Bind(target);
        target.Source = section;
    }
}

/// <summary>One entry of a <c>Filters</c> section.</summary>
internal sealed class FilterSection
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Action { get; set; }

    public string? Compare { get; set; }

    public string? Domain { get; set; }

    public string? Level { get; set; }

    public string? Prefix { get; set; }
}

/// <summary>The keys every handler has, whatever its type.</summary>
internal sealed class HandlerSection
{
    /// <summary>The keys bound here; the rest of a handler section belongs to its type.</summary>
    internal static readonly HashSet<string> CommonKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Type", "Level", "FilterDefault", "Filters", "Formatter", "Overload", "FlushDelay", "ShutdownTimeout",
    };

    public string? Type { get; set; }

    public string? Level { get; set; }

    public string? FilterDefault { get; set; }

    public Dictionary<string, FilterSection> Filters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public FormatterSection Formatter { get; set; } = new();

    public OverloadSection Overload { get; set; } = new();

    public string? FlushDelay { get; set; }

    public string? ShutdownTimeout { get; set; }
}

/// <summary>The key every formatter has; a formatter type binds its own keys.</summary>
internal sealed class FormatterSection
{
    public string? Type { get; set; }
}

/// <summary>A handler's <c>Overload</c> section (<see cref="OverloadOptions"/>).</summary>
internal sealed class OverloadSection
{
    public string? SyncModeQueueLength { get; set; }

    public string? DropModeQueueLength { get; set; }

    public string? FlushQueueLength { get; set; }

    public string? BurstLimitEnabled { get; set; }

    public string? BurstLimitMaxCount { get; set; }

    public string? BurstLimitWindow { get; set; }

    public string? OverloadKillEnabled { get; set; }

    public string? OverloadKillQueueLength { get; set; }

    public string? OverloadKillMemorySize { get; set; }

    public string? OverloadKillRestartAfter { get; set; }

    public string? ModeChangeReportInterval { get; set; }
}
