using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>
/// Environments holding bytes that are not UTF-8 (written by fw_setenv, U-Boot or mkenvimage from any
/// input): whatever the caller does not change is written back byte for byte.
/// </summary>
public sealed class NonUtf8EnvironmentTests : IDisposable
{
    private const int Size = 0x400;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The reproduction: Latin-1 in a value, and two names that differ only in an invalid byte.</summary>
    private static readonly byte[][] Latin1Entries =
    [
        [.. "bootcount=0"u8],
        [.. "owner=Ren"u8, 0xE9],
        [.. "key"u8, 0xFF, .. "=first"u8],
        [.. "key"u8, 0xFE, .. "=second"u8],
    ];

    /// <summary>A copy whose data area holds <paramref name="entries"/> in the given order, then 0x00 padding.</summary>
    internal static byte[] RawCopy(EnvLayout layout, int size, byte flags, params byte[][] entries)
    {
        var block = new byte[size];
        int header = UBootEnvCodec.HeaderSize(layout);
        int at = header;
        foreach (byte[] entry in entries)
        {
            entry.CopyTo(block, at);
            at += entry.Length + 1;
        }
        if (layout == EnvLayout.Redundant)
        {
            block[4] = flags;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(block, Crc32.HashToUInt32(block.AsSpan(header)));
        return block;
    }

    private static byte[] DataArea(byte[] copy, EnvLayout layout) => copy[UBootEnvCodec.HeaderSize(layout)..];

    private EnvImage Image(EnvLayout layout, byte[] copy)
    {
        var image = new EnvImage(_dir, "env", layout, copy.Length);
        File.WriteAllBytes(image.ImagePath, layout == EnvLayout.Redundant ? [.. copy, .. copy] : copy);
        return image;
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Update_writes_the_variables_it_did_not_touch_back_byte_for_byte(EnvLayout layout)
    {
        // given the environment (flags 1)
        EnvImage image = Image(layout, RawCopy(layout, Size, 1, Latin1Entries));

        // when one other variable is set
        image.Environment().Update(new Dictionary<string, string?> { ["bootcount"] = "1" });

        // then the written copy holds every other entry as it was, sorted by bytes as fw_setenv sorts them
        byte[] written = File.ReadAllBytes(image.ImagePath)[(layout == EnvLayout.Redundant ? Size : 0)..][..Size];
        byte[] expected = RawCopy(layout, Size, 2,
            [.. "bootcount=1"u8], [.. "key"u8, 0xFE, .. "=second"u8], [.. "key"u8, 0xFF, .. "=first"u8], [.. "owner=Ren"u8, 0xE9]);
        Assert.Equal(Convert.ToHexString(DataArea(expected, layout)), Convert.ToHexString(DataArea(written, layout)));
    }

    [Fact]
    public void Two_names_that_differ_only_in_invalid_bytes_stay_two_entries()
    {
        EnvImage image = Image(EnvLayout.Redundant, RawCopy(EnvLayout.Redundant, Size, 1, Latin1Entries));

        UBootEnvSnapshot snapshot = image.Environment().Read();

        Assert.Equal(
            ["626F6F74636F756E74=30", "6B6579FE=7365636F6E64", "6B6579FF=6669727374", "6F776E6572=52656EE9"],
            snapshot.Entries.Select(e => Convert.ToHexString(e.NameBytes.Span) + "=" + Convert.ToHexString(e.ValueBytes.Span)));
        // the string view decodes with U+FFFD; of two names that decode alike it shows the first
        Assert.Equal("Ren\uFFFD", snapshot.Variables["owner"]);
        Assert.Equal("second", snapshot.Variables["key\uFFFD"]);
    }

    [Fact]
    public void Setting_a_value_that_equals_the_decoded_text_of_invalid_bytes_replaces_them()
    {
        // The caller changed the variable, so it is stored as given (U+FFFD as UTF-8), the rest untouched.
        EnvImage image = Image(EnvLayout.Redundant, RawCopy(EnvLayout.Redundant, Size, 1, Latin1Entries));

        image.Environment().Update(new Dictionary<string, string?> { ["owner"] = "Ren\uFFFD" });

        UBootEnvSnapshot now = image.Environment().Read();
        Assert.Equal(Encoding.UTF8.GetBytes("Ren\uFFFD"), now.Entries.Single(e => e.Name == "owner").ValueBytes.ToArray());
        Assert.Equal(4, now.Entries.Count);
    }

    [Fact]
    public void A_name_that_is_not_UTF_8_can_be_deleted_only_by_its_bytes_so_a_string_change_leaves_it()
    {
        EnvImage image = Image(EnvLayout.Redundant, RawCopy(EnvLayout.Redundant, Size, 1, Latin1Entries));

        image.Environment().Update(new Dictionary<string, string?> { ["key\uFFFD"] = null });

        Assert.Equal(4, image.Environment().Read().Entries.Count);
    }

    [Fact]
    public void A_nearly_full_environment_with_invalid_bytes_can_still_be_written()
    {
        // given an environment whose value of 0xE9 bytes fills the copy but for a few bytes (each would
        // take three as U+FFFD)
        int header = UBootEnvCodec.HeaderSize(EnvLayout.Redundant);
        byte[] fill = [.. "fill="u8, .. Enumerable.Repeat((byte)0xE9, Size - header - 5 - 1 - 1 - 12)];
        EnvImage image = Image(EnvLayout.Redundant, RawCopy(EnvLayout.Redundant, Size, 1, fill));

        // when a short variable that fits is set
        image.Environment().Update(new Dictionary<string, string?> { ["a"] = "1" });

        // then it is written and the long value is unchanged
        byte[] written = File.ReadAllBytes(image.ImagePath)[Size..];
        byte[] expected = RawCopy(EnvLayout.Redundant, Size, 2, [.. "a=1"u8], fill);
        Assert.Equal(Convert.ToHexString(DataArea(expected, EnvLayout.Redundant)), Convert.ToHexString(DataArea(written, EnvLayout.Redundant)));
    }

    // Built in code: xUnit's theory data would turn a lone surrogate into U+FFFD on its way to the test.
    [Fact]
    public void Encode_refuses_a_name_with_a_lone_surrogate_naming_the_variable()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            UBootEnvCodec.Encode([new KeyValuePair<string, string>("bad" + '\uD800' + "name", "x")], EnvLayout.SingleCopy, Size));

        Assert.StartsWith("variable name 'bad\\ud800name' is not valid UTF-16 (a lone surrogate at index 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_refuses_a_value_with_a_lone_surrogate_naming_the_variable()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            UBootEnvCodec.Encode([new KeyValuePair<string, string>("name", "x" + '\uDC00')], EnvLayout.SingleCopy, Size));

        Assert.StartsWith("the value of 'name' is not valid UTF-16 (a lone surrogate at index 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_names_with_different_lone_surrogates_are_refused_not_stored_as_one()
    {
        EnvImage image = Image(EnvLayout.Redundant, RawCopy(EnvLayout.Redundant, Size, 1, Latin1Entries));
        byte[] before = File.ReadAllBytes(image.ImagePath);

        var error = Assert.Throws<ArgumentException>(() => image.Environment().Update(
            new Dictionary<string, string?> { ["x\uD800"] = "1", ["x\uD801"] = "2" }));

        Assert.Contains("x\\ud800", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(image.ImagePath));
    }
}
