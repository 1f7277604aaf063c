using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>A configured handler and a fingerprint of its sink settings (a change there needs a new sink).</summary>
/// <param name="Config">The handler configuration.</param>
/// <param name="SinkFingerprint">The sink-specific keys and values, for change detection on reload.</param>
public sealed record ConfiguredHandler(HandlerConfig Config, string SinkFingerprint);

/// <summary>Everything read from the logging section.</summary>
/// <param name="Primary">Primary configuration.</param>
/// <param name="Handlers">Handlers, in configuration order.</param>
public sealed record LoggingSettings(LoggerConfig Primary, IReadOnlyList<ConfiguredHandler> Handlers);

/// <summary>
/// Reads the <c>Medulla:Logging</c> section. Every error names the full key and what is allowed, and
/// a bad section is refused whole.
/// </summary>
/// <example>
/// <code>
/// "Medulla": { "Logging": {
///   "Level": "info",
///   "Categories": { "Microsoft": "warning" },
///   "Handlers": {
///     "console": { "Type": "console", "Level": "notice" },
///     "file": { "Type": "file", "Path": "/data/logs/app.log", "MaxBytes": "10MiB", "Compress": true,
///               "Formatter": { "Type": "json" }, "Overload": { "DropModeQueueLength": 50000 } } } } }
/// </code>
/// </example>
public static class LoggingConfigurationReader
{
    private static readonly HashSet<string> CommonHandlerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Type", "Level", "FilterDefault", "Filters", "Formatter", "Overload", "FlushDelay", "ShutdownTimeout",
    };

    /// <summary>Reads the section; throws <see cref="LoggingConfigurationException"/> on the first bad value.</summary>
    public static LoggingSettings Read(IConfigurationSection section, MedullaLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var primary = new LoggerConfig
        {
            Level = ConfigValues.GetLevel(section, "Level", Level.Info),
            FilterDefault = ConfigValues.GetEnum(section, "FilterDefault", FilterDefault.Log),
            MessageTruncation = ConfigValues.GetIntOrOff(section, "MessageTruncation", LoggerConfig.DefaultMessageTruncation, LoggerConfig.MinimumMessageTruncation),
            CategoryLevels = ReadCategories(section.GetSection("Categories")),
            Filters = ReadFilters(section.GetSection("Filters")),
            Metadata = [.. section.GetSection("Metadata").GetChildren().Select(c => new KeyValuePair<string, object?>(c.Key, c.Value))],
        };
        if (options.ConfigurePrimary is { } change)
        {
            primary = change(primary);
        }
        try
        {
            primary.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new LoggingConfigurationException($"{section.Path}: {ex.Message}", ex);
        }

        var handlers = new List<ConfiguredHandler>();
        foreach (IConfigurationSection h in section.GetSection("Handlers").GetChildren())
        {
            handlers.Add(ReadHandler(h, options));
        }
        return new LoggingSettings(primary, handlers);
    }

    private static ConfiguredHandler ReadHandler(IConfigurationSection section, MedullaLoggingOptions options)
    {
        string id = section.Key;
        string type = section["Type"] ?? (options.HandlerTypes.ContainsKey(id) ? id : "");
        if (!options.HandlerTypes.TryGetValue(type, out SinkFromConfiguration? sinkReader))
        {
            string allowed = string.Join(", ", options.HandlerTypes.Keys.Order(StringComparer.Ordinal));
            throw ConfigValues.Error(section, "Type", $"'{type}' is not a handler type; expected one of {allowed}");
        }
        var defaults = new HandlerConfig { Id = id, Sink = () => throw new InvalidOperationException() };
        HandlerTypeDefaults typeDefaults = options.HandlerDefaults.GetValueOrDefault(type) ?? new HandlerTypeDefaults();
        var config = new HandlerConfig
        {
            Id = id,
            Sink = sinkReader(section),
            Level = ConfigValues.GetLevel(section, "Level", typeDefaults.Level),
            FilterDefault = ConfigValues.GetEnum(section, "FilterDefault", defaults.FilterDefault),
            Filters = ReadFilters(section.GetSection("Filters")),
            Formatter = ReadFormatter(section.GetSection("Formatter"), options, typeDefaults.FormatterType),
            Overload = ReadOverload(section.GetSection("Overload")),
            FlushDelay = ConfigValues.GetDuration(section, "FlushDelay", defaults.FlushDelay, allowZero: false),
            ShutdownTimeout = ConfigValues.GetDuration(section, "ShutdownTimeout", defaults.ShutdownTimeout),
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new LoggingConfigurationException($"{section.Path}: {ex.Message}", ex);
        }
        return new ConfiguredHandler(config, Fingerprint(section, type));
    }

    private static ILogFormatter ReadFormatter(IConfigurationSection section, MedullaLoggingOptions options, string defaultType)
    {
        string type = section["Type"] ?? defaultType;
        if (!options.FormatterTypes.TryGetValue(type, out FormatterFromConfiguration? reader))
        {
            string allowed = string.Join(", ", options.FormatterTypes.Keys.Order(StringComparer.Ordinal));
            throw ConfigValues.Error(section, "Type", $"'{type}' is not a formatter type; expected one of {allowed}");
        }
        return reader(section);
    }

    private static OverloadOptions ReadOverload(IConfigurationSection section)
    {
        var d = new OverloadOptions();
        var options = new OverloadOptions
        {
            SyncModeQueueLength = ConfigValues.GetInt(section, "SyncModeQueueLength", d.SyncModeQueueLength, 1),
            DropModeQueueLength = ConfigValues.GetInt(section, "DropModeQueueLength", d.DropModeQueueLength, 1),
            FlushQueueLength = ConfigValues.GetInt(section, "FlushQueueLength", d.FlushQueueLength, 1),
            BurstLimitEnabled = ConfigValues.GetBool(section, "BurstLimitEnabled", d.BurstLimitEnabled),
            BurstLimitMaxCount = ConfigValues.GetInt(section, "BurstLimitMaxCount", d.BurstLimitMaxCount, 1),
            BurstLimitWindow = ConfigValues.GetDuration(section, "BurstLimitWindow", d.BurstLimitWindow),
            OverloadKillEnabled = ConfigValues.GetBool(section, "OverloadKillEnabled", d.OverloadKillEnabled),
            OverloadKillQueueLength = ConfigValues.GetInt(section, "OverloadKillQueueLength", d.OverloadKillQueueLength, 1),
            OverloadKillMemorySize = ConfigValues.GetLong(section, "OverloadKillMemorySize", d.OverloadKillMemorySize, 1),
            OverloadKillRestartAfter = ConfigValues.GetOptionalDuration(section, "OverloadKillRestartAfter", d.OverloadKillRestartAfter),
            ModeChangeReportInterval = ConfigValues.GetDuration(section, "ModeChangeReportInterval", d.ModeChangeReportInterval, allowZero: false),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new LoggingConfigurationException($"{section.Path}: {ex.Message}", ex);
        }
        return options;
    }

    private static ImmutableDictionary<string, Level> ReadCategories(IConfigurationSection section)
    {
        ImmutableDictionary<string, Level>.Builder levels = ImmutableDictionary.CreateBuilder<string, Level>(StringComparer.Ordinal);
        foreach (IConfigurationSection category in section.GetChildren())
        {
            string key = category.Key is "Default" or "*" ? "" : category.Key;
            levels[key] = ConfigValues.GetLevel(section, category.Key, Level.Info);
        }
        return levels.ToImmutable();
    }

    private static ImmutableArray<LogFilter> ReadFilters(IConfigurationSection section)
    {
        ImmutableArray<LogFilter>.Builder filters = ImmutableArray.CreateBuilder<LogFilter>();
        foreach (IConfigurationSection f in section.GetChildren())
        {
            string type = f["Type"] ?? throw ConfigValues.Error(f, "Type", "a filter needs a Type: domain, level or category");
            string id = f["Id"] ?? $"{type}-{f.Key}";
            FilterAction action = ConfigValues.GetEnum(f, "Action", FilterAction.Log);
            if (action == FilterAction.Ignore)
            {
                throw ConfigValues.Error(f, "Action", "'ignore' is not allowed; expected log or stop");
            }
            filters.Add(type.ToLowerInvariant() switch
            {
                "domain" => LogFilters.Domain(id, action, ConfigValues.GetEnum(f, "Compare", DomainComparison.Sub),
                    (f["Domain"] ?? throw ConfigValues.Error(f, "Domain", "a domain filter needs a Domain such as medulla.heart")).Split('.', StringSplitOptions.RemoveEmptyEntries)),
                "level" => LogFilters.Level(id, action, ConfigValues.GetEnum(f, "Compare", LevelComparison.GreaterOrEqual),
                    ConfigValues.GetLevel(f, "Level", Level.Info) is { } l && l.IsSeverity() ? l : throw ConfigValues.Error(f, "Level", "compare with one of the eight severities")),
                "category" => LogFilters.Category(id, action, f["Prefix"] ?? throw ConfigValues.Error(f, "Prefix", "a category filter needs a Prefix")),
                _ => throw ConfigValues.Error(f, "Type", $"'{type}' is not a filter type; expected domain, level or category"),
            });
        }
        return filters.ToImmutable();
    }

    private static string Fingerprint(IConfigurationSection section, string type)
    {
        var text = new StringBuilder(type);
        foreach ((string key, string? value) in section.AsEnumerable(makePathsRelative: true).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string top = key.Split(':')[0];
            if (!CommonHandlerKeys.Contains(top))
            {
                text.Append('\n').Append(key).Append('=').Append(value);
            }
        }
        return text.ToString();
    }
}
