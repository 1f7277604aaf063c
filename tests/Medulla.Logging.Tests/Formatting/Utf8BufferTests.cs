using Medulla.Logging;

namespace Medulla.Logging.Tests.Formatting;

public class Utf8BufferTests
{
    [Fact]
    public void Appended_bytes_of_every_short_and_long_length_arrive_whole_and_in_order()
    {
        // Lengths around the short-copy paths (1-3, 4-7, 8-16) and past them, appended one after another
        // into a buffer that starts small, so some appends also grow it.
        var buffer = new Utf8Buffer(16);
        var expected = new List<byte>();
        for (int length = 0; length <= 40; length++)
        {
            byte[] chunk = [.. Enumerable.Range(0, length).Select(i => (byte)('a' + ((i + length) % 26)))];
            buffer.Write(chunk);
            expected.AddRange(chunk);
            Assert.Equal(expected.ToArray(), buffer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void A_short_append_into_an_almost_full_buffer_grows_it_and_keeps_the_content()
    {
        var buffer = new Utf8Buffer(16);
        buffer.Write("0123456789abc"u8);
        buffer.Write("XYZW"u8);

        Assert.Equal("0123456789abcXYZW"u8.ToArray(), buffer.WrittenSpan.ToArray());
    }
}
