using System.Text;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Computes_the_zlib_CRC_32(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Covers_every_byte_value()
    {
        // given all 256 byte values, whose CRC-32 (zlib) is known
        byte[] all = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

        // then
        Assert.Equal(0x29058C73u, Crc32.Compute(all));
    }
}
