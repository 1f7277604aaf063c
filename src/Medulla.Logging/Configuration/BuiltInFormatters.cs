using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>Readers for the built-in formatter types.</summary>
internal static class BuiltInFormatters
{
    internal static ILogFormatter Template(IConfigurationSection section)
    {
        var defaults = new TemplateFormatterOptions();
        var options = defaults with
        {
            Template = section["Template"] ?? defaults.Template,
            SingleLine = ConfigValues.GetBool(section, "SingleLine", defaults.SingleLine),
            MaxSize = ConfigValues.GetOptionalInt(section, "MaxSize", defaults.MaxSize, min: TemplateFormatterOptions.MinimumLimit),
            CharsLimit = ConfigValues.GetOptionalInt(section, "CharsLimit", defaults.CharsLimit, min: TemplateFormatterOptions.MinimumLimit),
            UtcTime = ConfigValues.GetBool(section, "UtcTime", defaults.UtcTime),
        };
        return Build(section, () => new TemplateFormatter(options));
    }

    internal static ILogFormatter Json(IConfigurationSection section) => Build(section, () => new JsonLinesFormatter());

    internal static ILogFormatter Rfc5424(IConfigurationSection section)
    {
        var defaults = new Rfc5424FormatterOptions();
        var options = defaults with
        {
            Facility = ConfigValues.GetInt(section, "Facility", defaults.Facility, 0, 23),
            AppName = section["AppName"] ?? defaults.AppName,
            HostName = section["HostName"] ?? defaults.HostName,
            StructuredDataId = section["StructuredDataId"] ?? defaults.StructuredDataId,
            IncludeProperties = ConfigValues.GetBool(section, "IncludeProperties", defaults.IncludeProperties),
            SingleLine = ConfigValues.GetBool(section, "SingleLine", defaults.SingleLine),
        };
        return Build(section, () => new Rfc5424Formatter(options));
    }

    private static ILogFormatter Build(IConfigurationSection section, Func<ILogFormatter> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new LoggingConfigurationException($"{section.Path}: {ex.Message}", ex);
        }
    }
}
