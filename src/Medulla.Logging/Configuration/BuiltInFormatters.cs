using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>The built-in formatter types: each binds its own keys (source-generated binding) and checks them.</summary>
internal static class BuiltInFormatters
{
    internal static ILogFormatter Template(IConfigurationSection section)
    {
        var bound = section.Get<TemplateFormatterSection>() ?? new TemplateFormatterSection();
        string Key(string key) => ConfigText.Key(section.Path, key);
        var defaults = new TemplateFormatterOptions();
        var options = defaults with
        {
            Template = bound.Template ?? defaults.Template,
            SingleLine = ConfigText.Bool(bound.SingleLine, Key("SingleLine"), defaults.SingleLine),
            MaxSize = ConfigText.OptionalInt(bound.MaxSize, Key("MaxSize"), defaults.MaxSize, min: TemplateFormatterOptions.MinimumLimit),
            CharsLimit = ConfigText.OptionalInt(bound.CharsLimit, Key("CharsLimit"), defaults.CharsLimit, min: TemplateFormatterOptions.MinimumLimit),
            UtcTime = ConfigText.Bool(bound.UtcTime, Key("UtcTime"), defaults.UtcTime),
        };
        return Build(section, () => new TemplateFormatter(options));
    }

    internal static ILogFormatter Json(IConfigurationSection section) => Build(section, () => new JsonLinesFormatter());

    internal static ILogFormatter Rfc5424(IConfigurationSection section)
    {
        var bound = section.Get<Rfc5424FormatterSection>() ?? new Rfc5424FormatterSection();
        string Key(string key) => ConfigText.Key(section.Path, key);
        var defaults = new Rfc5424FormatterOptions();
        var options = defaults with
        {
            Facility = ConfigText.Int(bound.Facility, Key("Facility"), defaults.Facility, 0, 23),
            AppName = bound.AppName ?? defaults.AppName,
            HostName = bound.HostName ?? defaults.HostName,
            StructuredDataId = bound.StructuredDataId ?? defaults.StructuredDataId,
            IncludeProperties = ConfigText.Bool(bound.IncludeProperties, Key("IncludeProperties"), defaults.IncludeProperties),
            SingleLine = ConfigText.Bool(bound.SingleLine, Key("SingleLine"), defaults.SingleLine),
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

/// <summary>The keys of a "template" formatter.</summary>
internal sealed class TemplateFormatterSection
{
    public string? Template { get; set; }

    public string? SingleLine { get; set; }

    public string? MaxSize { get; set; }

    public string? CharsLimit { get; set; }

    public string? UtcTime { get; set; }
}

/// <summary>The keys of an "rfc5424" formatter.</summary>
internal sealed class Rfc5424FormatterSection
{
    public string? Facility { get; set; }

    public string? AppName { get; set; }

    public string? HostName { get; set; }

    public string? StructuredDataId { get; set; }

    public string? IncludeProperties { get; set; }

    public string? SingleLine { get; set; }
}
