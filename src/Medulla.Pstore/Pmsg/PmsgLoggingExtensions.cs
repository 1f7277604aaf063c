using Medulla.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Medulla.Pstore;

/// <summary>
/// Registers the "pmsg" handler type and the "pmsg" formatter type, so a handler can be configured in
/// the <c>Medulla:Logging:Handlers</c> section.
/// </summary>
/// <example>
/// <code>
/// builder.Logging.ClearProviders().AddMedulla().AddMedullaPmsg();
///
/// "Medulla": { "Logging": { "Handlers": {
///   "pmsg": { "Type": "pmsg", "Level": "notice" } } } }
/// </code>
/// </example>
public static class PmsgLoggingExtensions
{
    /// <summary>The name of the handler type and of the formatter type.</summary>
    public const string TypeName = "pmsg";

    /// <summary>
    /// Registers the handler type "pmsg" (keys: <c>Path</c>, default /dev/pmsg0; <c>Level</c>, default
    /// warning; <c>Formatter</c>, default the pmsg line) and the formatter type "pmsg" (key:
    /// <c>MaxSize</c>, the longest inserted value in bytes), which other handlers may use too.
    /// </summary>
    public static MedullaLoggingOptions AddPmsgHandlerType(this MedullaLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options
            .AddHandlerType(TypeName, ReadSink, new HandlerTypeDefaults { Level = PmsgHandlerOptions.DefaultLevel, FormatterType = TypeName })
            .AddFormatterType(TypeName, ReadFormatter);
    }

    /// <summary>
    /// Adds Medulla logging (as <see cref="MedullaLoggingBuilderExtensions.AddMedulla"/>, which it calls)
    /// with the "pmsg" handler and formatter types registered. The order with respect to AddMedulla
    /// does not matter.
    /// </summary>
    public static ILoggingBuilder AddMedullaPmsg(this ILoggingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMedulla(static options => options.AddPmsgHandlerType());
    }

    private static Func<ILogSink> ReadSink(IConfigurationSection section)
    {
        var bound = section.Get<PmsgHandlerSection>() ?? new PmsgHandlerSection();
        string path = bound.Path ?? PmsgHandlerOptions.DefaultPath;
        if (path.Length == 0)
        {
            throw ConfigText.Error(ConfigText.Key(section.Path, "Path"), $"must not be empty; leave it out for {PmsgHandlerOptions.DefaultPath}");
        }
        return () => new PmsgSink(path);
    }

    private static ILogFormatter ReadFormatter(IConfigurationSection section)
    {
        var bound = section.Get<PmsgFormatterSection>() ?? new PmsgFormatterSection();
        int? maxSize = ConfigText.OptionalInt(bound.MaxSize, ConfigText.Key(section.Path, "MaxSize"), null, min: TemplateFormatterOptions.MinimumLimit);
        return PmsgHandler.CreateFormatter(maxSize);
    }
}

/// <summary>The keys of a "pmsg" handler besides the ones every handler has (bound by the source generator).</summary>
internal sealed class PmsgHandlerSection
{
    public string? Path { get; set; }
}

/// <summary>The keys of a "pmsg" formatter besides Type.</summary>
internal sealed class PmsgFormatterSection
{
    public string? MaxSize { get; set; }
}
