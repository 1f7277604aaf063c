using System.Text;
using Medulla.Linux;

namespace Medulla.SystemLog.Tests;

/// <summary>The reader's counting against a scripted device (EPIPE cannot be provoked on demand on the real one).</summary>
public class KmsgReaderTests
{
    private sealed class ScriptedDevice(params (KernelLogReadResult Result, string Text)[] script) : IKernelLogSource
    {
        private int _next;

        public KernelLogReadResult Read(Span<byte> buffer, out int length)
        {
            length = 0;
            if (_next == script.Length)
            {
                return KernelLogReadResult.End;
            }
            (KernelLogReadResult result, string text) = script[_next++];
            length = Encoding.UTF8.GetBytes(text, buffer);
            return result;
        }

        public bool WaitReadable(int timeoutMilliseconds) => false;

        public void Dispose()
        {
        }
    }

    private static (KernelLogReadResult, string) Record(ulong seq, string text = "x") => (KernelLogReadResult.Record, $"6,{seq},1,-;{text}\n");

    [Fact]
    public void Records_overwritten_before_they_were_read_are_counted_from_the_sequence_gap_and_reading_goes_on()
    {
        using var reader = new KmsgReader(new ScriptedDevice(Record(10), Record(11), (KernelLogReadResult.Overwritten, ""), Record(15), Record(16)), null);
        var seen = new List<ulong>();

        int count = reader.ReadAvailable(r => seen.Add(r.Sequence));

        Assert.Equal(4, count);
        Assert.Equal([10UL, 11, 15, 16], seen);
        Assert.Equal(3, reader.Lost);
        Assert.Equal(4, reader.Received);
    }

    [Fact]
    public void Records_the_ring_dropped_before_the_reader_opened_are_not_lost()
    {
        using var reader = new KmsgReader(new ScriptedDevice(Record(1000), Record(1001)), null);

        reader.ReadAvailable(_ => { });

        Assert.Equal(0, reader.Lost);
    }

    [Fact]
    public void A_malformed_record_is_counted_and_skipped()
    {
        using var reader = new KmsgReader(new ScriptedDevice(Record(1), (KernelLogReadResult.Record, "garbage"), Record(2)), null);

        int count = reader.ReadAvailable(_ => { });

        Assert.Equal(2, count);
        Assert.Equal(1, reader.Malformed);
        Assert.Equal(0, reader.Lost);
    }

    [Theory]
    [InlineData(new ulong[] { 5 }, 0)]
    [InlineData(new ulong[] { 5, 6, 7 }, 0)]
    [InlineData(new ulong[] { 5, 9 }, 3)]
    [InlineData(new ulong[] { 5, 9, 10, 20 }, 12)]
    [InlineData(new ulong[] { 5, 3, 4 }, 0)]
    public void Sequence_gaps_count_the_skipped_numbers(ulong[] sequence, long lost)
    {
        var gaps = new SequenceGaps();

        Assert.Equal(lost, sequence.Sum(s => gaps.Observe(s)));
    }
}
