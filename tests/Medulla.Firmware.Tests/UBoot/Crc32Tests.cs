using System.IO.Hashing;
using System.Text;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>
/// The environment's checksum is System.IO.Hashing's CRC-32; these known vectors (zlib's crc32) pin it to
/// the polynomial, initial value and final XOR that U-Boot and libubootenv use.
/// </summary>
public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Computes_the_zlib_CRC_32(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.HashToUInt32(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Covers_every_byte_value()
    {
        // given all 256 byte values, whose CRC-32 (zlib) is known
        byte[] all = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

        // then
        Assert.Equal(0x29058C73u, Crc32.HashToUInt32(all));
    }

    [Fact]
    public void An_encoded_block_carries_the_crc_of_its_data_area_little_endian()
    {
        // given an environment encoded in the single-copy layout
        byte[] block = UBootEnvCodec.Encode(new Dictionary<string, string> { ["bootcmd"] = "run x" }, EnvLayout.SingleCopy, envSize: 64);

        // then its first 4 bytes are the CRC-32 of the rest, least significant byte first
        uint crc = Crc32.HashToUInt32(block.AsSpan(4));
        Assert.Equal([(byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24)], block[..4]);
    }
}
