using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>A configured handler and a fingerprint of its sink settings (a change there needs a new sink).</summary>
/// <param name="Config">The handler configuration.</param>
/// <param name="SinkFingerprint">The sink-specific keys and values, for change detection on reload.</param>
internal sealed record ConfiguredHandler(HandlerConfig Config, string SinkFingerprint);

/// <summary>Everything the logging section configures, as the runtime records.</summary>
/// <param name="Primary">Primary configuration.</param>
/// <param name="Handlers">Handlers, in configuration order.</param>
internal sealed record LoggingSettings(LoggerConfig Primary, IReadOnlyList<ConfiguredHandler> Handlers);

/// <summary>
/// Checks a bound <see cref="LoggingSection"/> and converts it, once, into the runtime records: this is
/// the one place where the logging section's rules live, used by the start-time validation
/// (<see cref="LoggingSectionValidator"/>), by <see cref="MedullaLogging.Create(IConfiguration?, MedullaLoggingOptions?, TimeProvider?, System.Diagnostics.Metrics.IMeterFactory?)"/>
/// and by every reload. Every error names the full key and what is allowed; a bad section is refused whole.
/// </summary>
internal static class LoggingSettingsBuilder
{
    /// <summary>Binds and converts <paramref name="section"/>; throws <see cref="LoggingConfigurationException"/> on the first bad value.</summary>
    internal static LoggingSettings Read(IConfigurationSection section, MedullaLoggingOptions options) =>
        Build(LoggingSection.Bind(section), options);

    /// <summary>Converts a bound section; throws <see cref="LoggingConfigurationException"/> on the first bad value.</summary>
    internal static LoggingSettings Build(LoggingSection bound, MedullaLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(options);
        IConfigurationSection? section = bound.Source;
        string path = section?.Path ?? options.SectionPath;
        var primary = new LoggerConfig
        {
            Level = ConfigText.Level(bound.Level, ConfigText.Key(path, "Level"), Level.Info),
            FilterDefault = ConfigText.Enum(bound.FilterDefault, ConfigText.Key(path, "FilterDefault"), FilterDefault.Log),
            MessageTruncation = ConfigText.IntOrOff(bound.MessageTruncation, ConfigText.Key(path, "MessageTruncation"),
                LoggerConfig.DefaultMessageTruncation, LoggerConfig.MinimumMessageTruncation),
            CategoryLevels = Categories(bound.Categories, ConfigText.Key(path, "Categories")),
            Filters = Filters(bound.Filters, ConfigText.Key(path, "Filters")),
            Metadata = [.. bound.Metadata.Select(m => new KeyValuePair<string, object?>(m.Key, m.Value))],
        };
        if (options.ConfigurePrimary is { } change)
        {
            primary = change(primary);
        }
        Check(path, primary.Validate);

        var handlers = new List<ConfiguredHandler>();
        if (section is not null)
        {
            // The section's children, not the bound dictionary, list the handlers: an empty handler
            // section ("pmsg": {}) binds no entry but still asks for a handler with every default.
            foreach (IConfigurationSection h in section.GetSection("Handlers").GetChildren())
            {
                handlers.Add(Handler(h, bound.Handlers.GetValueOrDefault(h.Key) ?? new HandlerSection(), options));
            }
        }
        return new LoggingSettings(primary, handlers);
    }

    private static ConfiguredHandler Handler(IConfigurationSection section, HandlerSection bound, MedullaLoggingOptions options)
    {
        string id = section.Key;
        string path = section.Path;
        string type = bound.Type ?? (options.HandlerTypes.ContainsKey(id) ? id : "");
        if (!options.HandlerTypes.TryGetValue(type, out SinkFromConfiguration? sinkReader))
        {
            string allowed = string.Join(", ", options.HandlerTypes.Keys.Order(StringComparer.Ordinal));
            throw ConfigText.Error(ConfigText.Key(path, "Type"), $"'{type}' is not a handler type; expected one of {allowed}");
        }
        var defaults = new HandlerConfig { Id = id, Sink = () => throw new InvalidOperationException() };
        HandlerTypeDefaults typeDefaults = options.HandlerDefaults.GetValueOrDefault(type) ?? new HandlerTypeDefaults();
        var config = new HandlerConfig
        {
            Id = id,
            Sink = sinkReader(section),
            Level = ConfigText.Level(bound.Level, ConfigText.Key(path, "Level"), typeDefaults.Level),
            FilterDefault = ConfigText.Enum(bound.FilterDefault, ConfigText.Key(path, "FilterDefault"), defaults.FilterDefault),
            Filters = Filters(bound.Filters, ConfigText.Key(path, "Filters")),
            Formatter = Formatter(section.GetSection("Formatter"), bound.Formatter, options, typeDefaults.FormatterType),
            Overload = Overload(bound.Overload, ConfigText.Key(path, "Overload")),
            FlushDelay = ConfigText.Duration(bound.FlushDelay, ConfigText.Key(path, "FlushDelay"), defaults.FlushDelay, allowZero: false),
            ShutdownTimeout = ConfigText.Duration(bound.ShutdownTimeout, ConfigText.Key(path, "ShutdownTimeout"), defaults.ShutdownTimeout),
        };
        Check(path, config.Validate);
        return new ConfiguredHandler(config, Fingerprint(section, type));
    }

    private static ILogFormatter Formatter(IConfigurationSection section, FormatterSection bound, MedullaLoggingOptions options, string defaultType)
    {
        string type = bound.Type ?? defaultType;
        if (!options.FormatterTypes.TryGetValue(type, out FormatterFromConfiguration? reader))
        {
            string allowed = string.Join(", ", options.FormatterTypes.Keys.Order(StringComparer.Ordinal));
            throw ConfigText.Error(ConfigText.Key(section.Path, "Type"), $"'{type}' is not a formatter type; expected one of {allowed}");
        }
        return reader(section);
    }

    private static OverloadOptions Overload(OverloadSection s, string path)
    {
        var d = new OverloadOptions();
        var options = new OverloadOptions
        {
            SyncModeQueueLength = ConfigText.Int(s.SyncModeQueueLength, ConfigText.Key(path, "SyncModeQueueLength"), d.SyncModeQueueLength, 1),
            DropModeQueueLength = ConfigText.Int(s.DropModeQueueLength, ConfigText.Key(path, "DropModeQueueLength"), d.DropModeQueueLength, 1),
            FlushQueueLength = ConfigText.Int(s.FlushQueueLength, ConfigText.Key(path, "FlushQueueLength"), d.FlushQueueLength, 1),
            BurstLimitEnabled = ConfigText.Bool(s.BurstLimitEnabled, ConfigText.Key(path, "BurstLimitEnabled"), d.BurstLimitEnabled),
            BurstLimitMaxCount = ConfigText.Int(s.BurstLimitMaxCount, ConfigText.Key(path, "BurstLimitMaxCount"), d.BurstLimitMaxCount, 1),
            BurstLimitWindow = ConfigText.Duration(s.BurstLimitWindow, ConfigText.Key(path, "BurstLimitWindow"), d.BurstLimitWindow),
            OverloadKillEnabled = ConfigText.Bool(s.OverloadKillEnabled, ConfigText.Key(path, "OverloadKillEnabled"), d.OverloadKillEnabled),
            OverloadKillQueueLength = ConfigText.Int(s.OverloadKillQueueLength, ConfigText.Key(path, "OverloadKillQueueLength"), d.OverloadKillQueueLength, 1),
            OverloadKillMemorySize = ConfigText.Long(s.OverloadKillMemorySize, ConfigText.Key(path, "OverloadKillMemorySize"), d.OverloadKillMemorySize, 1),
            OverloadKillRestartAfter = ConfigText.OptionalDuration(s.OverloadKillRestartAfter, ConfigText.Key(path, "OverloadKillRestartAfter"), d.OverloadKillRestartAfter),
            ModeChangeReportInterval = ConfigText.Duration(s.ModeChangeReportInterval, ConfigText.Key(path, "ModeChangeReportInterval"), d.ModeChangeReportInterval, allowZero: false),
        };
        Check(path, options.Validate);
        return options;
    }

    private static ImmutableDictionary<string, Level> Categories(Dictionary<string, string?> categories, string path)
    {
        ImmutableDictionary<string, Level>.Builder levels = ImmutableDictionary.CreateBuilder<string, Level>(StringComparer.Ordinal);
        foreach ((string category, string? level) in categories)
        {
            string key = category is "Default" or "*" ? "" : category;
            levels[key] = ConfigText.Level(level, ConfigText.Key(path, category), Level.Info);
        }
        return levels.ToImmutable();
    }

    private static ImmutableArray<LogFilter> Filters(Dictionary<string, FilterSection> sections, string path)
    {
        ImmutableArray<LogFilter>.Builder filters = ImmutableArray.CreateBuilder<LogFilter>();
        foreach ((string name, FilterSection f) in sections)
        {
            string at = ConfigText.Key(path, name);
            string type = f.Type ?? throw ConfigText.Error(ConfigText.Key(at, "Type"), "a filter needs a Type: domain, level or category");
            string id = f.Id ?? $"{type}-{name}";
            FilterAction action = ConfigText.Enum(f.Action, ConfigText.Key(at, "Action"), FilterAction.Log);
            if (action == FilterAction.Ignore)
            {
                throw ConfigText.Error(ConfigText.Key(at, "Action"), "'ignore' is not allowed; expected log or stop");
            }
            filters.Add(type.ToLowerInvariant() switch
            {
                "domain" => LogFilters.Domain(id, action, ConfigText.Enum(f.Compare, ConfigText.Key(at, "Compare"), DomainComparison.Sub),
                    (f.Domain ?? throw ConfigText.Error(ConfigText.Key(at, "Domain"), "a domain filter needs a Domain such as medulla.heart")).Split('.', StringSplitOptions.RemoveEmptyEntries)),
                "level" => LogFilters.Level(id, action, ConfigText.Enum(f.Compare, ConfigText.Key(at, "Compare"), LevelComparison.GreaterOrEqual),
                    ConfigText.Level(f.Level, ConfigText.Key(at, "Level"), Level.Info) is { } l && l.IsSeverity()
                        ? l
                        : throw ConfigText.Error(ConfigText.Key(at, "Level"), $"'{f.Level}' is not allowed; compare with one of the eight severities, emergency to debug")),
                "category" => LogFilters.Category(id, action, f.Prefix ?? throw ConfigText.Error(ConfigText.Key(at, "Prefix"), "a category filter needs a Prefix")),
                _ => throw ConfigText.Error(ConfigText.Key(at, "Type"), $"'{type}' is not a filter type; expected domain, level or category"),
            });
        }
        return filters.ToImmutable();
    }

    /// <summary>Runs a record's own consistency check, naming the section in its error.</summary>
    private static void Check(string path, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            throw new LoggingConfigurationException($"{path}: {ex.Message}", ex);
        }
    }

    private static string Fingerprint(IConfigurationSection section, string type)
    {
        var text = new StringBuilder(type);
        foreach ((string key, string? value) in section.AsEnumerable(makePathsRelative: true).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string top = key.Split(':')[0];
            if (!HandlerSection.CommonKeys.Contains(top))
            {
                text.Append('\n').Append(key).Append('=').Append(value);
            }
        }
        return text.ToString();
    }
}
