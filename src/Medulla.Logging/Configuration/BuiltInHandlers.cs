using Microsoft.Extensions.Configuration;

namespace Medulla.Logging;

/// <summary>Readers for the built-in handler types.</summary>
internal static class BuiltInHandlers
{
    internal static Func<ILogSink> Console(IConfigurationSection section)
    {
        var options = new ConsoleSinkOptions
        {
            Stream = ConfigValues.GetEnum(section, "Stream", ConsoleStream.Stdout),
            Colors = ConfigValues.GetEnum(section, "Colors", ColorMode.Auto),
        };
        return () => new ConsoleSink(options);
    }

    internal static Func<ILogSink> File(IConfigurationSection section)
    {
        string path = section["Path"] is { Length: > 0 } p ? p : throw ConfigValues.Error(section, "Path", "a file handler needs a Path");
        var defaults = new FileSinkOptions { Path = path };
        var options = defaults with
        {
            MaxBytes = ConfigValues.GetOptionalLong(section, "MaxBytes", defaults.MaxBytes, min: 1),
            MaxFiles = ConfigValues.GetInt(section, "MaxFiles", defaults.MaxFiles, 0, 1000),
            Compress = ConfigValues.GetBool(section, "Compress", defaults.Compress),
            SyncInterval = ConfigValues.GetDuration(section, "SyncInterval", defaults.SyncInterval),
            SyncEveryBytes = ConfigValues.GetOptionalLong(section, "SyncEveryBytes", defaults.SyncEveryBytes, min: 1),
            SyncOnFlush = ConfigValues.GetBool(section, "SyncOnFlush", defaults.SyncOnFlush),
            CreateDirectory = ConfigValues.GetBool(section, "CreateDirectory", defaults.CreateDirectory),
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
