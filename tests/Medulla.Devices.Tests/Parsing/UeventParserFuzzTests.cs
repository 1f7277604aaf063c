using Medulla.Devices.Tests.Support;

namespace Medulla.Devices.Tests.Parsing;

/// <summary>
/// Property-style tests: random and mutated datagrams never make the parser throw or hang, every one is
/// classified, and the monitor counts each malformed one. Seeds are fixed so a failure reproduces.
/// </summary>
public sealed class UeventParserFuzzTests
{
    private const int Iterations = 20_000;

    [Fact(Timeout = 60_000)]
    public async Task Random_buffers_never_throw_and_are_never_parsed_as_events_without_a_valid_header()
    {
        await Task.Run(() =>
        {
            var random = new Random(16);
            for (int i = 0; i < Iterations; i++)
            {
                byte[] bytes = new byte[random.Next(0, 512)];
                random.NextBytes(bytes);

                UeventParseResult result = UeventParser.Parse(bytes);

                AssertConsistent(result);
            }
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task Mutated_captures_never_throw_and_each_result_is_consistent()
    {
        await Task.Run(() =>
        {
            var random = new Random(1616);
            byte[][] captures = [.. Fixture.Names.Select(Fixture.Bytes)];
            for (int i = 0; i < Iterations; i++)
            {
                byte[] mutated = Mutate(captures[random.Next(captures.Length)], random);

                AssertConsistent(UeventParser.Parse(mutated));
            }
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task The_monitor_counts_every_datagram_as_received_udev_or_malformed()
    {
        await using var monitor = new DeviceMonitor(new DevicesOptions { Listen = false, Coldplug = false });
        var random = new Random(160);
        byte[][] captures = [.. Fixture.Names.Select(Fixture.Bytes)];
        long parsed = 0, malformed = 0, udev = 0;

        await Task.Run(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                byte[] bytes = (i % 3) switch
                {
                    0 => Mutate(captures[random.Next(captures.Length)], random),
                    1 => RandomBytes(random),
                    _ => captures[random.Next(captures.Length)],
                };
                switch (UeventParser.Parse(bytes).Outcome)
                {
                    case UeventParseOutcome.Parsed: parsed++; break;
                    case UeventParseOutcome.Udev: udev++; break;
                    default: malformed++; break;
                }
                monitor.Dispatch(bytes, senderPortId: 0, truncated: false);
            }
        });

        DevicesStatistics stats = monitor.Statistics;
        Assert.Equal(parsed, stats.Received);
        Assert.Equal(malformed, stats.Malformed);
        Assert.Equal(udev, stats.UdevSkipped);
        Assert.True(malformed > 0 && parsed > 0);
        Assert.NotNull(stats.LastRejection);
    }

    [Fact]
    public void A_truncated_datagram_is_counted_as_malformed_even_when_its_start_parses()
    {
        var monitor = new DeviceMonitor(new DevicesOptions { Listen = false, Coldplug = false });

        monitor.Dispatch(Fixture.Bytes("null-add.bin"), senderPortId: 0, truncated: true);

        Assert.Equal(1, monitor.Statistics.Malformed);
        Assert.Equal(0, monitor.Statistics.Received);
        Assert.Equal(0, monitor.Table.Count);
    }

    private static void AssertConsistent(UeventParseResult result)
    {
        switch (result.Outcome)
        {
            case UeventParseOutcome.Parsed:
                Assert.NotNull(result.Event);
                Assert.StartsWith("/", result.Event.DevPath, StringComparison.Ordinal);
                Assert.Equal(result.Event.Action.ToKernelName(), result.Event.Get("ACTION"));
                Assert.NotNull(result.Event.SequenceNumber);
                break;
            case UeventParseOutcome.Malformed:
                Assert.Null(result.Event);
                Assert.False(string.IsNullOrEmpty(result.Reason));
                Assert.True(result.Reason.Length < 200, result.Reason);
                break;
            default:
                Assert.Null(result.Event);
                break;
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3: bytes[at] = 0; break;
                default: bytes[at] = (byte)"=@\0"[random.Next(3)]; break;
            }
        }
        return [.. bytes];
    }
}
