using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

public sealed class UBootEnvCodecTests
{
    private static KeyValuePair<string, string> V(string name, string value) => new(name, value);

    [Fact]
    public void Single_layout_is_crc_then_sorted_entries_then_an_extra_nul_then_zero_padding()
    {
        byte[] block = UBootEnvCodec.Encode([V("b", "2"), V("a", "1 x")], EnvLayout.SingleCopy, 32);

        byte[] data = [.. "a=1 x\0b=2\0\0"u8, .. new byte[32 - 4 - 11]];
        Assert.Equal(data, block[4..]);
        Assert.Equal(Crc32.HashToUInt32(data), BinaryPrimitives.ReadUInt32LittleEndian(block));
    }

    [Fact]
    public void Redundant_layout_has_the_flags_byte_outside_the_crc()
    {
        byte[] block = UBootEnvCodec.Encode([V("a", "1")], EnvLayout.Redundant, 16, flags: 7);

        Assert.Equal(7, block[4]);
        Assert.Equal(Crc32.HashToUInt32(block.AsSpan(5)), BinaryPrimitives.ReadUInt32LittleEndian(block));
    }

    [Fact]
    public void Names_are_sorted_by_UTF8_bytes_as_strcmp_sorts_them()
    {
        // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, though not in UTF-16.
        byte[] block = UBootEnvCodec.Encode([V("😀", "1"), V("Ａ", "2"), V("Z", "3"), V("a", "4")], EnvLayout.SingleCopy, 64);

        string text = Encoding.UTF8.GetString(block, 4, 60).TrimEnd('\0');
        Assert.Equal("Z=3\0a=4\0Ａ=2\0😀=1", text);
    }

    [Fact]
    public void Values_may_contain_equals_signs_spaces_and_UTF8()
    {
        var variables = new[] { V("k", "a=b = c"), V("ключ", "значение 😀"), V("empty", "") };

        EnvBlock block = UBootEnvCodec.Decode(UBootEnvCodec.Encode(variables, EnvLayout.SingleCopy, 128), EnvLayout.SingleCopy);

        Assert.Equal(EnvCopyState.Valid, block.State);
        Assert.Equal(variables.OrderBy(v => v.Key, StringComparer.Ordinal), block.Variables.OrderBy(v => v.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("", "x", "a variable name is empty")]
    [InlineData("a=b", "x", "variable name 'a=b' contains '='")]
    [InlineData("a\0b", "x", "variable name 'a\\0b' contains a NUL character")]
    [InlineData("key", "x\0y", "the value of 'key' contains a NUL character")]
    public void Encoding_refuses_what_cannot_be_stored_and_names_the_variable(string name, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => UBootEnvCodec.Encode([V("fine", "ok"), V(name, value)], EnvLayout.SingleCopy, 64));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_refuses_a_repeated_name()
    {
        var error = Assert.Throws<ArgumentException>(() => UBootEnvCodec.Encode([V("a", "1"), V("a", "2")], EnvLayout.SingleCopy, 64));

        Assert.StartsWith("variable name 'a' occurs twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_refuses_variables_that_do_not_fit_and_gives_the_sizes()
    {
        // "abc=12345\0" is 10 bytes and the final NUL makes 11; a 15-byte redundant block has 10 after the header.
        var error = Assert.Throws<ArgumentException>(() => UBootEnvCodec.Encode([V("abc", "12345")], EnvLayout.Redundant, 15));

        Assert.StartsWith("the variables need 11 bytes but an environment of 15 bytes holds 10 after its 5-byte header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_that_exactly_fill_the_data_area_fit()
    {
        byte[] block = UBootEnvCodec.Encode([V("abc", "12345")], EnvLayout.Redundant, 16);

        Assert.Equal("12345", UBootEnvCodec.Decode(block, EnvLayout.Redundant).Variables["abc"]);
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x00)]
    [InlineData(0x55)]
    public void Decoding_accepts_any_padding(byte pad)
    {
        byte[] data = [.. "x=1\0y=2\0\0"u8, .. Enumerable.Repeat(pad, 23)];
        byte[] block = WithCrc(data, EnvLayout.SingleCopy);

        EnvBlock decoded = UBootEnvCodec.Decode(block, EnvLayout.SingleCopy);

        Assert.Equal(EnvCopyState.Valid, decoded.State);
        Assert.Equal(["x", "y"], decoded.Variables.Keys);
    }

    [Fact]
    public void Decoding_skips_entries_without_equals_or_name_and_the_last_of_a_repeated_name_wins()
    {
        byte[] block = WithCrc([.. "a=1\0junk\0=nameless\0a=2\0b=\0\0"u8, .. new byte[8]], EnvLayout.SingleCopy);

        EnvBlock decoded = UBootEnvCodec.Decode(block, EnvLayout.SingleCopy);

        Assert.Equal(2, decoded.SkippedEntries);
        Assert.Equal("2", decoded.Variables["a"]);
        Assert.Equal("", decoded.Variables["b"]);
        Assert.Equal(2, decoded.Variables.Count);
    }

    [Fact]
    public void Decoding_accepts_a_data_area_filled_to_the_last_byte()
    {
        // No room for the final NUL, and the last entry's NUL is missing too: U-Boot's import stops at the end.
        byte[] block = WithCrc("a=1\0b=22"u8.ToArray(), EnvLayout.SingleCopy);

        EnvBlock decoded = UBootEnvCodec.Decode(block, EnvLayout.SingleCopy);

        Assert.Equal("22", decoded.Variables["b"]);
    }

    [Fact]
    public void Decoding_reports_a_crc_mismatch_a_blank_copy_and_a_short_block()
    {
        byte[] good = UBootEnvCodec.Encode([V("a", "1")], EnvLayout.Redundant, 64, 1);
        byte[] flipped = (byte[])good.Clone();
        flipped[10] ^= 0x20;

        Assert.Equal(EnvCopyState.CrcMismatch, UBootEnvCodec.Decode(flipped, EnvLayout.Redundant).State);
        Assert.Equal(EnvCopyState.Blank, UBootEnvCodec.Decode(new byte[64], EnvLayout.Redundant).State);
        Assert.Equal(EnvCopyState.Blank, UBootEnvCodec.Decode(Enumerable.Repeat((byte)0xFF, 64).ToArray(), EnvLayout.Redundant).State);
        Assert.Equal(EnvCopyState.Truncated, UBootEnvCodec.Decode(new byte[5], EnvLayout.Redundant).State);
        Assert.Empty(UBootEnvCodec.Decode(flipped, EnvLayout.Redundant).Variables);
    }

    [Fact]
    public void The_flags_byte_is_not_covered_by_the_crc()
    {
        byte[] block = UBootEnvCodec.Encode([V("a", "1")], EnvLayout.Redundant, 32, 1);
        block[4] = 200;

        EnvBlock decoded = UBootEnvCodec.Decode(block, EnvLayout.Redundant);

        Assert.Equal(EnvCopyState.Valid, decoded.State);
        Assert.Equal(200, decoded.Flags);
    }

    private static byte[] WithCrc(byte[] data, EnvLayout layout)
    {
        int header = UBootEnvCodec.HeaderSize(layout);
        var block = new byte[header + data.Length];
        data.CopyTo(block, header);
        BinaryPrimitives.WriteUInt32LittleEndian(block, Crc32.HashToUInt32(data));
        return block;
    }
}
