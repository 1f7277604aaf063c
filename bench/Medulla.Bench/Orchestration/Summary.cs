using Medulla.Bench.Measurement;

namespace Medulla.Bench.Orchestration;

/// <summary>All rounds of one planned run, with medians.</summary>
internal sealed class Summary(PlannedRun run, IReadOnlyList<RunResult> rounds)
{
    internal PlannedRun Run { get; } = run;

    internal IReadOnlyList<RunResult> Rounds { get; } = rounds;

    internal IEnumerable<RunResult> Good => Rounds.Where(r => r.Error is null);

    internal bool Failed => !Good.Any();

    internal string? FirstError => Rounds.FirstOrDefault(r => r.Error is not null)?.Error;

    internal RunResult? First => Good.FirstOrDefault();

    internal double? Median(Func<RunResult, double?> value)
    {
        double[] values = [.. Good.Select(value).Where(v => v.HasValue).Select(v => v!.Value).Order()];
        if (values.Length == 0)
        {
            return null;
        }
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    internal double? Min(Func<RunResult, double?> value) =>
        Good.Select(value).Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Min() is var m && !double.IsNaN(m) ? m : null;

    internal double? Max(Func<RunResult, double?> value) =>
        Good.Select(value).Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Max() is var m && !double.IsNaN(m) ? m : null;

    /// <summary>Whether every round satisfies <paramref name="condition"/> (false when no round succeeded).</summary>
    internal bool AllRounds(Func<RunResult, bool> condition) => !Failed && Rounds.All(r => r.Error is null && condition(r));
}
