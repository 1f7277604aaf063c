namespace Medulla.Bench.Targets;

/// <summary>
/// The one event every library logs: a message with an int, a string and a double. Values are derived
/// from the event's index so every library writes the same lines, and nothing is allocated to make them.
/// </summary>
internal static class BenchEvent
{
    /// <summary>Category (source context, logger name) of every event.</summary>
    internal const string Category = "Bench.Orders";

    /// <summary>Message template for the libraries that take one (Serilog, M.E.Logging).</summary>
    internal const string Template = "Processed order {OrderId} for {Customer} in {Elapsed} ms";

    /// <summary>
    /// NLog quotes string holes ("alice") unless told otherwise; ":l" makes it write the value as the
    /// others do.
    /// </summary>
    internal const string NLogTemplate = "Processed order {OrderId} for {Customer:l} in {Elapsed} ms";

    /// <summary>Text every event line contains, so other lines (a library's own reports) can be told apart.</summary>
    internal const string Marker = "Processed order ";

    /// <summary>Customers, indexed by the low bits of the event index.</summary>
    internal static readonly string[] Customers =
        ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];

    internal static int OrderId(long i) => (int)i;

    internal static string Customer(long i) => Customers[i & 7];

    /// <summary>Elapsed milliseconds with at most two decimals, so the double's text is short and the same everywhere.</summary>
    internal static double Elapsed(long i) => (i % 4000) * 0.25;
}
