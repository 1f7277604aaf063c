using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>The built-in handler types: each binds its own keys (source-generated binding) and checks them.</summary>
internal static class BuiltInHandlers
{
    internal static Func<ILogSink> Console(IConfigurationSection section)
    {
        var bound = section.Get<ConsoleHandlerSection>() ?? new ConsoleHandlerSection();
        var options = new ConsoleSinkOptions
        {
            Stream = ConfigText.Enum(bound.Stream, ConfigText.Key(section.Path, "Stream"), ConsoleStream.Stdout),
            Colors = ConfigText.Enum(bound.Colors, ConfigText.Key(section.Path, "Colors"), ColorMode.Auto),
        };
        return () => new ConsoleSink(options);
    }

    internal static Func<ILogSink> File(IConfigurationSection section, WriteGate? openGate)
    {
        var bound = section.Get<FileHandlerSection>() ?? new FileHandlerSection();
        string Key(string key) => ConfigText.Key(section.Path, key);
        string path = bound.Path is { Length: > 0 } p ? p : throw ConfigText.Error(Key("Path"), "a file handler needs a Path");
        var defaults = new FileSinkOptions { Path = path };
        var options = defaults with
        {
            MaxBytes = ConfigText.OptionalLong(bound.MaxBytes, Key("MaxBytes"), defaults.MaxBytes, min: 1),
            MaxFiles = ConfigText.Int(bound.MaxFiles, Key("MaxFiles"), defaults.MaxFiles, 0, 1000),
            Compress = ConfigText.Bool(bound.Compress, Key("Compress"), defaults.Compress),
            SyncInterval = ConfigText.Duration(bound.SyncInterval, Key("SyncInterval"), defaults.SyncInterval),
            SyncEveryBytes = ConfigText.OptionalLong(bound.SyncEveryBytes, Key("SyncEveryBytes"), defaults.SyncEveryBytes, min: 1),
            SyncOnFlush = ConfigText.Bool(bound.SyncOnFlush, Key("SyncOnFlush"), defaults.SyncOnFlush),
            CreateDirectory = ConfigText.Bool(bound.CreateDirectory, Key("CreateDirectory"), defaults.CreateDirectory),
            OpenGate = openGate,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new LoggingConfigurationException($"{section.Path}: {ex.Message}", ex);
        }
        return () => new FileSink(options);
    }
}

/// <summary>The keys of a "console" handler.</summary>
internal sealed class ConsoleHandlerSection
{
    public string? Stream { get; set; }

    public string? Colors { get; set; }
}

/// <summary>The keys of a "file" handler.</summary>
internal sealed class FileHandlerSection
{
    public string? Path { get; set; }

    public string? MaxBytes { get; set; }

    public string? MaxFiles { get; set; }

    public string? Compress { get; set; }

    public string? SyncInterval { get; set; }

    public string? SyncEveryBytes { get; set; }

    public string? SyncOnFlush { get; set; }

    public string? CreateDirectory { get; set; }
}
