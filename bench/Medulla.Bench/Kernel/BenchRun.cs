using System.Globalization;
using Medulla.Bench.Orchestration;

namespace Medulla.Bench.Kernel;

/// <summary>One reader's measurement in one round: how many items it handled, in how long, and what it allocated.</summary>
internal sealed record KernelResult(string Reader, int Round, long Items, double Seconds, long? AllocatedBytes)
{
    internal double PerSecond => Items / Seconds;
}

/// <summary>What the kmsg and coldplug benches share: rounds, medians, where the report goes.</summary>
internal static class BenchRun
{
    internal static double Median(IEnumerable<double> values)
    {
        double[] v = [.. values.Order()];
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>Runs every reader once per round, the order reversed every other round, printing each result.</summary>
    internal static List<KernelResult> Rounds(int rounds, IReadOnlyList<(string Name, Func<int, KernelResult> Measure)> readers, string unit)
    {
        var results = new List<KernelResult>();
        for (int round = 1; round <= rounds; round++)
        {
            IEnumerable<(string Name, Func<int, KernelResult> Measure)> order = round % 2 == 1 ? readers : readers.Reverse();
            foreach ((string _, Func<int, KernelResult> measure) in order)
            {
                KernelResult r = measure(round);
                results.Add(r);
                string allocated = r.AllocatedBytes is { } b ? string.Create(CultureInfo.InvariantCulture, $", {b:N0} bytes allocated") : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[round {round}/{rounds}] {r.Reader}: {r.Items:N0} {unit} in {r.Seconds * 1000:F2} ms, {r.PerSecond:N0} {unit}/s{allocated}"));
            }
        }
        return results;
    }

    /// <summary>Keeps the report under bench/results and, unless <paramref name="writeDoc"/> is false, as docs/<paramref name="name"/>.</summary>
    internal static void Save(string name, string report, DateTime started, bool writeDoc)
    {
        string resultsDir = Path.Combine(Orchestrator.RepositoryRoot(), "bench", "results",
            Path.GetFileNameWithoutExtension(name).Replace("benchmarks-", "", StringComparison.Ordinal) + "-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(resultsDir);
        File.WriteAllText(Path.Combine(resultsDir, name), report);
        Console.WriteLine($"wrote {Path.Combine(resultsDir, name)}");
        if (writeDoc)
        {
            string doc = Path.Combine(Orchestrator.RepositoryRoot(), "docs", name);
            File.WriteAllText(doc, report);
            Console.WriteLine($"wrote {doc}");
        }
    }

    /// <summary>"1.23x" (or "-" when either side is missing).</summary>
    internal static string Ratio(double numerator, double denominator) =>
        double.IsFinite(numerator) && double.IsFinite(denominator) && denominator > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{numerator / denominator:F2}x")
            : "-";
}
