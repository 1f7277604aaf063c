using System.Globalization;
using Medulla.Logging;

namespace Medulla.Bench.Targets;

/// <summary>The libraries under test by name, and the configurations a name accepts.</summary>
internal static class TargetCatalog
{
    /// <summary>Names, in the order the report lists them.</summary>
    internal static readonly string[] Names =
    [
        "medulla", "medulla-otp", "serilog-lossless", "serilog-default", "nlog-lossless", "nlog-default", "mel-console", "floor",
    ];

    /// <summary>The libraries behind Microsoft.Extensions.Logging's ILogger, each in three call shapes.</summary>
    internal static readonly string[] ILoggerProviders = ["medulla", "serilog", "nlog", "mel-console"];

    /// <summary>ILogger rows: "&lt;provider&gt;-ilogger-&lt;define|generated|template&gt;".</summary>
    internal static readonly string[] ILoggerNames =
        [.. ILoggerProviders.SelectMany(p => new[] { "define", "generated", "template" }.Select(c => $"{p}-ilogger-{c}"))];

    /// <summary>Serilog's filtered call through its ILogger interface, as measured before (scenario b only).</summary>
    internal const string SerilogViaInterface = "serilog-interface";

    /// <summary>Diagnostic variants of Medulla (not in the main tables).</summary>
    internal static readonly string[] DiagnosticNames = ["medulla-rawsink", "medulla-discard"];

    /// <summary>
    /// Creates a fresh, unopened target. <paramref name="config"/> is "default", or for the Medulla
    /// variants "sync=N" to replace the sync-mode queue length.
    /// </summary>
    internal static IBenchTarget Create(string name, string config) => name switch
    {
        "medulla" => Medulla(new OverloadOptions(), MedullaSinkKind.FileSink, config),
        "medulla-otp" => Medulla(OverloadOptions.OtpDefaults with { BurstLimitEnabled = false }, MedullaSinkKind.FileSink, config),
        "medulla-rawsink" => Medulla(new OverloadOptions(), MedullaSinkKind.RawFile, config),
        "medulla-discard" => Medulla(new OverloadOptions(), MedullaSinkKind.Discard, config),
        "serilog-lossless" => Plain(new SerilogTarget(lossless: true), name, config),
        "serilog-default" => Plain(new SerilogTarget(lossless: false), name, config),
        "nlog-lossless" => Plain(new NLogTarget(lossless: true), name, config),
        "nlog-default" => Plain(new NLogTarget(lossless: false), name, config),
        "mel-console" => Plain(new MelConsoleTarget(), name, config),
        "floor" => Plain(new FloorTarget(), name, config),
        SerilogViaInterface => Plain(new SerilogTarget(lossless: true, viaInterface: true), name, config),
        _ when ILoggerNames.Contains(name) => Plain(ILogger(name), name, config),
        _ => throw new ArgumentException($"unknown library '{name}'; expected one of {string.Join(", ", [.. Names, .. DiagnosticNames])}"),
    };

    private static ILoggerTarget ILogger(string name)
    {
        int at = name.IndexOf("-ilogger-", StringComparison.Ordinal);
        ILoggerCall call = Enum.Parse<ILoggerCall>(name[(at + "-ilogger-".Length)..], ignoreCase: true);
        return new ILoggerTarget(name[..at], call);
    }

    private static IBenchTarget Plain(IBenchTarget target, string name, string config) =>
        config == "default" ? target : throw new ArgumentException($"'{name}' takes only the config 'default', not '{config}'");

    private static MedullaTarget Medulla(OverloadOptions overload, MedullaSinkKind sink, string config)
    {
        if (config.StartsWith("sync=", StringComparison.Ordinal))
        {
            int sync = int.Parse(config.AsSpan(5), CultureInfo.InvariantCulture);
            overload = overload with { SyncModeQueueLength = sync };
        }
        else if (config != "default")
        {
            throw new ArgumentException($"Medulla configs are 'default' or 'sync=N', not '{config}'");
        }
        overload.Validate();
        string sinkText = sink switch
        {
            MedullaSinkKind.RawFile => "bench RawFileSink (FileStream 64 KiB, no fsync)",
            MedullaSinkKind.Discard => "bench DiscardSink (records thrown away)",
            _ => "FileSink(Path, MaxBytes = null)",
        };
        string description =
            $"{sinkText}, default formatter; overload sync/drop/flush = {overload.SyncModeQueueLength}/{overload.DropModeQueueLength}/{overload.FlushQueueLength}, " +
            $"burst limit {(overload.BurstLimitEnabled ? "on" : "off")}";
        return new MedullaTarget(overload, sink, description);
    }
}
