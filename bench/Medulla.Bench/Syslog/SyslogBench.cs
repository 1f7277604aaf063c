using System.Diagnostics;
using System.Globalization;
using Medulla.Bench.Orchestration;

namespace Medulla.Bench.Syslog;

/// <summary>One receiver's measurement in one round.</summary>
internal sealed record SyslogResult(string Receiver, int Round, long Sent, long Delivered, double Seconds, double SendSeconds, long? PeakResidentBytes, string? Error)
{
    internal double MessagesPerSecond => Delivered / Seconds;

    internal double SendRate => Sent / SendSeconds;
}

/// <summary>
/// The syslog receiver benchmark: 4 senders x 50,000 datagrams into each receiver, which writes each
/// message as a line to a file; messages/s until the last line is in the file, lines in the file, peak
/// resident memory. Each receiver first takes one unmeasured burst of the same size (warm-up). Receivers
/// run one at a time, the order reversed every other round.
/// </summary>
internal static class SyslogBench
{
    internal const int Senders = 4;
    internal const int PerSender = 50_000;
    internal const int DefaultRounds = 3;

    /// <summary>How long a receiver may write nothing new before the run stops waiting for the rest.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(10);

    internal static int Run(int rounds, bool writeDoc)
    {
        DateTime started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        PeerPackages peers = PeerPackages.Ensure();
        Func<SyslogReceiver>[] receivers = [() => new DrainReceiver(), () => new MedullaSyslogReceiver(), () => new MedullaServerOnlyReceiver(), () => new BusyboxSyslogd(peers), () => new RsyslogReceiver(peers)];
        var results = new List<SyslogResult>();
        for (int round = 1; round <= rounds; round++)
        {
            IEnumerable<Func<SyslogReceiver>> order = round % 2 == 1 ? receivers : receivers.Reverse();
            foreach (Func<SyslogReceiver> create in order)
            {
                SyslogResult r = Measure(create, round);
                results.Add(r);
                Console.WriteLine($"[round {round}/{rounds}] {r.Receiver}: " + (r.Error ?? string.Create(CultureInfo.InvariantCulture,
                    $"{r.MessagesPerSecond:N0} msg/s, {r.Delivered:N0}/{r.Sent:N0} lines, senders {r.SendRate:N0} msg/s, peak {(r.PeakResidentBytes is { } peak ? $"{peak / 1048576.0:F1} MiB" : "- (in the bench)")}")));
            }
        }
        string report = SyslogReportWriter.Write(results, MachineInfo.Collect(), started, total.Elapsed, receivers.Select(c => { using SyslogReceiver r = c(); return (r.Name, r.Description); }).ToList());
        string resultsDir = Path.Combine(Orchestrator.RepositoryRoot(), "bench", "results", "syslog-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(resultsDir);
        File.WriteAllText(Path.Combine(resultsDir, "benchmarks-syslog.md"), report);
        if (writeDoc)
        {
            string doc = Path.Combine(Orchestrator.RepositoryRoot(), "docs", "benchmarks-syslog.md");
            File.WriteAllText(doc, report);
            Console.WriteLine($"wrote {doc}");
        }
        return results.Any(r => r.Error is not null) ? 1 : 0;
    }

    private static SyslogResult Measure(Func<SyslogReceiver> create, int round)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"medulla-syslog-bench-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(directory);
        using SyslogReceiver receiver = create();
        long sent = (long)Senders * PerSender;
        try
        {
            receiver.Start(directory);
            // One message first: the receiver has opened its file. Then a burst as large as the measured
            // one, not measured: a syslog daemon runs for the device's uptime, so the measurement is its
            // steady state (a .NET receiver's code compiled by the optimizing tier), not its first second.
            DatagramSenders.Send(receiver.SocketPath, [DatagramSenders.Messages(0, 1)], new Stopwatch());
            if (WaitFor(receiver, 1, out _) != 1)
            {
                return new SyslogResult(receiver.Name, round, sent, 0, double.NaN, double.NaN, null, "the first message never reached the output");
            }
            DatagramSenders.Send(receiver.SocketPath, [.. Enumerable.Range(0, Senders).Select(s => DatagramSenders.Messages(s, PerSender))], new Stopwatch());
            long before = WaitFor(receiver, 1 + sent, out _);
            if (before != 1 + sent)
            {
                return new SyslogResult(receiver.Name, round, sent, 0, double.NaN, double.NaN, null, $"the warm-up burst reached the output {before - 1} of {sent} times");
            }
            byte[][][] messages = [.. Enumerable.Range(0, Senders).Select(s => DatagramSenders.Messages(s, PerSender))];
            var clock = new Stopwatch();
            Task<TimeSpan> sending = Task.Run(() => DatagramSenders.Send(receiver.SocketPath, messages, clock));
            long delivered = WaitFor(receiver, before + sent, out TimeSpan atLast, clock) - before;
            TimeSpan sendTime = sending.GetAwaiter().GetResult();
            return new SyslogResult(receiver.Name, round, sent, delivered, atLast.TotalSeconds, sendTime.TotalSeconds, receiver.PeakResidentBytes(), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            return new SyslogResult(receiver.Name, round, sent, 0, double.NaN, double.NaN, null, ex.Message);
        }
        finally
        {
            receiver.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Polls the receiver's output until <paramref name="target"/> messages are there or nothing new came
    /// for <see cref="Stall"/>; returns the count and the clock's time when the last new message was seen.
    /// </summary>
    private static long WaitFor(SyslogReceiver receiver, long target, out TimeSpan atLast, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        long seen = receiver.Delivered();
        atLast = clock.Elapsed;
        var quiet = Stopwatch.StartNew();
        while (seen < target)
        {
            Thread.Sleep(1);
            long now = receiver.Delivered();
            if (now != seen)
            {
                seen = now;
                atLast = clock.Elapsed;
                quiet.Restart();
            }
            else if (quiet.Elapsed > Stall)
            {
                break;
            }
        }
        return seen;
    }
}
