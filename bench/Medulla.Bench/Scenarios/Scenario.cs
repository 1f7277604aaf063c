namespace Medulla.Bench.Scenarios;

/// <summary>The three measured situations.</summary>
internal sealed record Scenario(string Name, string Title, int Threads, int EventsPerThread, long DisabledCalls)
{
    /// <summary>(a) one thread writes 200,000 events to a file; timed until everything is flushed.</summary>
    internal static readonly Scenario Throughput = new("a", "one thread, 200,000 events to a file", 1, 200_000, 0);

    /// <summary>(b) the same call with the logger at warning: the cost of a filtered call.</summary>
    internal static readonly Scenario Filtered = new("b", "call below the level (logger at warning, call at info)", 1, 0, 100_000_000);

    /// <summary>(c) four threads write 100,000 events each.</summary>
    internal static readonly Scenario Concurrent = new("c", "4 threads x 100,000 events to a file", 4, 100_000, 0);

    internal static readonly Scenario[] All = [Throughput, Filtered, Concurrent];

    internal long TotalEvents => (long)Threads * EventsPerThread;

    internal static Scenario Parse(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"unknown scenario '{name}'; expected a, b or c");
}
