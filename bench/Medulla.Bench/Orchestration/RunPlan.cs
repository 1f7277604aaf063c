using Medulla.Bench.Targets;
using Medulla.Logging;

namespace Medulla.Bench.Orchestration;

/// <summary>One child run: a library, a scenario, a config.</summary>
internal sealed record PlannedRun(string Library, string Scenario, string Config)
{
    internal string Key => $"{Library}|{Scenario}|{Config}";

    public override string ToString() => $"{Library} ({Scenario}, {Config})";
}

/// <summary>What `all` runs, in the order of the first round.</summary>
internal static class RunPlan
{
    /// <summary>Sync-mode queue lengths swept for the recommendation; the default is the plain medulla run.</summary>
    internal static readonly int[] SyncSweep = [10, 100, 1000, 2000, 10000];

    /// <summary>The product's default, read from the options so the report cannot mislabel it.</summary>
    internal static readonly int DefaultSyncModeQueueLength = new OverloadOptions().SyncModeQueueLength;

    /// <summary>
    /// Extra rounds for the runs the targets compare, whose differences are small against the machine's
    /// noise: Medulla's default and sweep runs of scenarios a and c and the floor of a and c; in (a) also
    /// the lossless peers (native and through ILogger) and Medulla's ILogger rows, the two sides of the
    /// ILogger throughput target.
    /// </summary>
    internal const int ExtraRounds = 4;

    internal static bool HasExtraRounds(PlannedRun run) =>
        (run.Library is "medulla" or "floor" && run.Scenario is "a" or "c") ||
        (run.Scenario == "a" && (LosslessPeers.Contains(run.Library) || TargetCatalog.ILoggerNames.Contains(run.Library)));

    /// <summary>The peers' set-ups that never drop: the reference of the throughput targets.</summary>
    internal static readonly string[] LosslessPeers = ["serilog-lossless", "nlog-lossless", "mel-console"];

    /// <summary>Libraries compared in the filtered-call scenario: the level check does not depend on the sink set-up.</summary>
    internal static readonly string[] FilteredLibraries = ["medulla", "serilog-lossless", "nlog-lossless", "mel-console", "floor"];

    /// <summary>
    /// Filtered calls through ILogger (LoggerMessage.Define, the factory at Warning), and Serilog's call
    /// through its interface as measured before the call shape was corrected.
    /// </summary>
    internal static readonly string[] FilteredILoggerLibraries =
        ["medulla-ilogger-define", "mel-console-ilogger-define", "serilog-ilogger-define", "nlog-ilogger-define", TargetCatalog.SerilogViaInterface];

    internal static List<PlannedRun> Build(ISet<string>? only, ISet<string>? scenarios, bool sweep = true)
    {
        var plan = new List<PlannedRun>();
        bool Want(string library, string scenario) =>
            (only is null || only.Contains(library)) && (scenarios is null || scenarios.Contains(scenario));

        foreach (string scenario in new[] { "a", "c" })
        {
            foreach (string library in TargetCatalog.Names)
            {
                if (Want(library, scenario))
                {
                    plan.Add(new PlannedRun(library, scenario, "default"));
                }
            }
            foreach (string library in TargetCatalog.ILoggerNames)
            {
                if (scenario == "a" && Want(library, scenario))
                {
                    plan.Add(new PlannedRun(library, scenario, "default"));
                }
            }
            foreach (int sync in SyncSweep.Where(s => sweep && s != DefaultSyncModeQueueLength))
            {
                if (Want("medulla", scenario))
                {
                    plan.Add(new PlannedRun("medulla", scenario, $"sync={sync}"));
                }
            }
            foreach (string library in TargetCatalog.DiagnosticNames)
            {
                if (Want(library, scenario))
                {
                    plan.Add(new PlannedRun(library, scenario, "default"));
                }
            }
        }
        foreach (string library in FilteredLibraries.Concat(FilteredILoggerLibraries))
        {
            if (Want(library, "b"))
            {
                plan.Add(new PlannedRun(library, "b", "default"));
            }
        }
        return plan;
    }
}
