using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>Builds a sink factory from a handler's configuration section.</summary>
public delegate Func<ILogSink> SinkFromConfiguration(IConfigurationSection handlerSection);

/// <summary>Builds a formatter from a formatter configuration section.</summary>
public delegate ILogFormatter FormatterFromConfiguration(IConfigurationSection formatterSection);

/// <summary>
/// How <c>AddMedulla()</c> sets up logging: the configuration section to read, the handler and
/// formatter types it knows, and handlers added in code.
/// </summary>
public sealed class MedullaLoggingOptions
{
    /// <summary>Default configuration section.</summary>
    public const string DefaultSectionPath = "Medulla:Logging";

    /// <summary>Configuration section holding the logging settings.</summary>
    public string SectionPath { get; set; } = DefaultSectionPath;

    /// <summary>Handler types by the name used in "Type" (built in: console, file).</summary>
    public Dictionary<string, SinkFromConfiguration> HandlerTypes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["console"] = BuiltInHandlers.Console,
    };

    /// <summary>
    /// A gate every "file" handler's file waits for before it is opened when the gate is held as the handler
    /// is created (<see cref="FileSinkOptions.OpenGate"/>): <c>AddMedulla()</c> holds one until the data
    /// partition is mounted, so that log files under it are not created on the root file system beneath
    /// the mount. Null (the default): files are opened at once.
    /// </summary>
    public WriteGate? FileOpenGate { get; set; }

    /// <summary>Creates the options with the built-in handler and formatter types.</summary>
    public MedullaLoggingOptions()
    {
        HandlerTypes["file"] = section => BuiltInHandlers.File(section, FileOpenGate);
    }

    /// <summary>
    /// What a handler type gives its handlers when their section leaves a setting out, by type name. A
    /// type without an entry gets <see cref="HandlerTypeDefaults"/>' own defaults (level all, template formatter).
    /// </summary>
    public Dictionary<string, HandlerTypeDefaults> HandlerDefaults { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Formatter types by the name used in "Formatter:Type" (built in: template, json, rfc5424).</summary>
    public Dictionary<string, FormatterFromConfiguration> FormatterTypes { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["template"] = BuiltInFormatters.Template,
        ["json"] = BuiltInFormatters.Json,
        ["rfc5424"] = BuiltInFormatters.Rfc5424,
    };

    /// <summary>Handlers added in code, in addition to the configured ones.</summary>
    public IList<HandlerConfig> Handlers { get; } = [];

    /// <summary>A change applied to the primary configuration after it is read.</summary>
    public Func<LoggerConfig, LoggerConfig>? ConfigurePrimary { get; set; }

    /// <summary>When nothing configures a handler, log to the console (default true), so a new app shows its logs.</summary>
    public bool ConsoleWhenNoHandlers { get; set; } = true;

    /// <summary>Log unhandled exceptions at critical level and flush before the process dies (default true).</summary>
    public bool CaptureUnhandledExceptions { get; set; } = true;

    /// <summary>Re-read and apply the section when the configuration reloads (default true).</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>
    /// Registers a handler type for the "Type" key of a handler section, replacing one of the same name.
    /// </summary>
    /// <param name="name">The type name (case-insensitive), e.g. "pmsg".</param>
    /// <param name="sink">Reads the type's own keys and returns the sink factory.</param>
    /// <param name="defaults">Level and formatter for handlers whose section does not set them (default: level all, template formatter).</param>
    public MedullaLoggingOptions AddHandlerType(string name, SinkFromConfiguration sink, HandlerTypeDefaults? defaults = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sink);
        HandlerTypes[name] = sink;
        if (defaults is null)
        {
            HandlerDefaults.Remove(name);
        }
        else
        {
            HandlerDefaults[name] = defaults;
        }
        return this;
    }

    /// <summary>Registers a formatter type for the "Formatter:Type" key, replacing one of the same name.</summary>
    /// <param name="name">The type name (case-insensitive), e.g. "pmsg".</param>
    /// <param name="formatter">Reads the formatter section and returns the formatter.</param>
    public MedullaLoggingOptions AddFormatterType(string name, FormatterFromConfiguration formatter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(formatter);
        FormatterTypes[name] = formatter;
        return this;
    }

    /// <summary>Adds a handler in code.</summary>
    public MedullaLoggingOptions AddHandler(HandlerConfig handler)
    {
        Handlers.Add(handler);
        return this;
    }
}
