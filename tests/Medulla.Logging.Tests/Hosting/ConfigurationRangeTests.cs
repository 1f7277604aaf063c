using Medulla.Logging;
using Microsoft.Extensions.Configuration;

namespace Medulla.Logging.Tests.Hosting;

/// <summary>Every numeric key the configuration readers accept, with values outside its range.</summary>
public class ConfigurationRangeTests
{
    private const string Section = "Medulla:Logging";
    private const string Handler = "Handlers:h";
    private const string IntMax = "2147483647";
    private const string MsMax = "2147483647ms";

    /// <summary>Key (under Medulla:Logging), bad value, and the allowed range the error must name.</summary>
    public static TheoryData<string, string, string> BadValues()
    {
        var rows = new TheoryData<string, string, string>();
        void Add(string key, string range, params string[] values)
        {
            foreach (string v in values)
            {
                rows.Add(key, v, range);
            }
        }

        // Values that do not fit an int, a long, or a size suffix; not numbers; not whole.
        string[] notInts = ["2147483648", "3GiB", "99999999999999999999", "8589934592GiB", "1e300", "NaN", "Infinity", "1.5", "ten"];
        Add("MessageTruncation", $"0 (off) or 32..{IntMax}", [.. notInts, "-1", "31"]);
        foreach (string key in new[] { "SyncModeQueueLength", "DropModeQueueLength", "FlushQueueLength", "BurstLimitMaxCount", "OverloadKillQueueLength" })
        {
            Add($"{Handler}:Overload:{key}", $"1..{IntMax}", [.. notInts, "0", "-5"]);
        }
        Add($"{Handler}:Overload:OverloadKillMemorySize", "1..9223372036854775807",
            "0", "-1KiB", "9223372036854775808", "9007199254740992KiB", "8589934592GiB", "1e300", "Infinity");
        Add($"{Handler}:MaxFiles", "0..1000", "1001", "-1", "4294967296", "99999999999999999999", "1e300");
        foreach (string key in new[] { "MaxBytes", "SyncEveryBytes" })
        {
            Add($"{Handler}:{key}", "1..9223372036854775807", "0", "-1", "9223372036854775808", "9007199254740992KiB", "NaN");
        }
        foreach (string key in new[] { "MaxSize", "CharsLimit" })
        {
            Add($"{Handler}:Formatter:{key}", $"4..{IntMax}", "4294967300", "2147483648", "2GiB", "3", "-1", "99999999999999999999", "-Infinity");
        }
        Add($"{Handler}:Formatter:Facility", "0..23", "24", "-1", "4294967296", "1e300");

        // Durations: more than fits a timer or a wait (int.MaxValue ms), negative, not a number.
        string[] badDurations = ["1e300", "1e300s", "Infinity", "-Infinity", "NaN", "-1", "-5s", "-00:00:01", "2147483648", "2147483.648s", "25.00:00:00", "9999999999h"];
        foreach (string key in new[] { $"{Handler}:ShutdownTimeout", $"{Handler}:SyncInterval", $"{Handler}:Overload:BurstLimitWindow" })
        {
            Add(key, $"0ms..{MsMax}", badDurations);
        }
        // "infinity" (any case) means never restart here, as "none" does.
        Add($"{Handler}:Overload:OverloadKillRestartAfter", $"0ms..{MsMax}", [.. badDurations.Where(v => v != "Infinity")]);
        Add($"{Handler}:FlushDelay", $"more than 0ms, up to {MsMax}", [.. badDurations, "0", "0ms"]);
        Add($"{Handler}:Overload:ModeChangeReportInterval", $"more than 0ms, up to {MsMax}", [.. badDurations, "0", "0ms"]);
        return rows;
    }

    private static IConfigurationSection Configure(string key, string value)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{Section}:{Handler}:Type"] = "file",
            [$"{Section}:{Handler}:Path"] = "/nonexistent/medulla-range-test.log",
            [$"{Section}:{Handler}:Formatter:Type"] = key.EndsWith(":Facility", StringComparison.Ordinal) ? "rfc5424" : "template",
            [$"{Section}:{key}"] = value,
        };
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(Section);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_value_out_of_range_is_a_configuration_error_naming_the_key_and_the_range(string key, string value, string range)
    {
        IConfigurationSection section = Configure(key, value);

        Exception? thrown = Record.Exception(() => LoggingSettingsBuilder.Read(section, new MedullaLoggingOptions()));

        var ex = Assert.IsType<LoggingConfigurationException>(thrown);
        Assert.StartsWith($"{Section}:{key}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"expected {range}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Formatter:CharsLimit", IntMax, 2147483647L)]
    [InlineData("Formatter:MaxSize", "4", 4L)]
    [InlineData("Formatter:MaxSize", "2047MiB", 2047L << 20)]
    public void The_ends_of_an_int_range_are_read_exactly(string key, string value, long expected)
    {
        LoggingSettings settings = LoggingSettingsBuilder.Read(Configure($"{Handler}:{key}", value), new MedullaLoggingOptions());

        TemplateFormatterOptions options = Assert.IsType<TemplateFormatter>(settings.Handlers[0].Config.Formatter).Options;
        Assert.Equal<long?>(expected, key.EndsWith("CharsLimit", StringComparison.Ordinal) ? options.CharsLimit : options.MaxSize);
    }

    [Theory]
    [InlineData("FlushDelay", MsMax)]
    [InlineData("ShutdownTimeout", "2147483.647s")]
    [InlineData("ShutdownTimeout", "0")]
    public void The_ends_of_a_duration_range_are_accepted(string key, string value)
    {
        LoggingSettings settings = LoggingSettingsBuilder.Read(Configure($"{Handler}:{key}", value), new MedullaLoggingOptions());

        TimeSpan read = key == "FlushDelay" ? settings.Handlers[0].Config.FlushDelay : settings.Handlers[0].Config.ShutdownTimeout;
        Assert.Equal(value == "0" ? TimeSpan.Zero : TimeSpan.FromMilliseconds(int.MaxValue), read);
    }

    [Fact]
    public void The_largest_size_that_fits_a_long_is_accepted()
    {
        LoggingSettings settings = LoggingSettingsBuilder.Read(Configure($"{Handler}:Overload:OverloadKillMemorySize", "8589934591GiB"), new MedullaLoggingOptions());

        Assert.Equal(8589934591L << 30, settings.Handlers[0].Config.Overload.OverloadKillMemorySize);
    }
}
