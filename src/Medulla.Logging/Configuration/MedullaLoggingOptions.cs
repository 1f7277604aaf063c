using Medulla.Logging.Formatting;
using Medulla.Logging.Handlers;
using Microsoft.Extensions.Configuration;

namespace Medulla.Logging.Configuration;

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
        ["file"] = BuiltInHandlers.File,
    };

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

    /// <summary>Adds a handler in code.</summary>
    public MedullaLoggingOptions AddHandler(HandlerConfig handler)
    {
        Handlers.Add(handler);
        return this;
    }
}
