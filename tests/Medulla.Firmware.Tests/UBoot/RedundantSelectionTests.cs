using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

public sealed class RedundantSelectionTests
{
    private static EnvBlock Copy(byte flags, bool valid = true)
    {
        byte[] block = UBootEnvCodec.Encode([new("f", flags.ToString(System.Globalization.CultureInfo.InvariantCulture))], EnvLayout.Redundant, 32, flags);
        if (!valid)
        {
            block[10] ^= 1;
        }
        return UBootEnvCodec.Decode(block, EnvLayout.Redundant);
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(2, 1, 0)]
    [InlineData(5, 5, 0)]
    [InlineData(255, 0, 1)]
    [InlineData(0, 255, 0)]
    [InlineData(254, 255, 1)]
    [InlineData(0, 1, 1)]
    [InlineData(1, 255, 1)]
    [InlineData(255, 1, 0)]
    public void Of_two_valid_copies_the_larger_flags_win_except_that_0_is_newer_than_255(byte flags0, byte flags1, int expected)
    {
        Assert.Equal(expected, UBootEnvironment.ChooseCurrent([Copy(flags0), Copy(flags1)]));
    }

    [Theory]
    [InlineData(true, false, 0)]
    [InlineData(false, true, 1)]
    public void Of_one_valid_copy_it_is_chosen_whatever_the_flags(bool valid0, bool valid1, int expected)
    {
        Assert.Equal(expected, UBootEnvironment.ChooseCurrent([Copy(9, valid0), Copy(200, valid1)]));
    }

    [Fact]
    public void Of_no_valid_copy_none_is_chosen()
    {
        Assert.Null(UBootEnvironment.ChooseCurrent([Copy(1, false), Copy(2, false)]));
        Assert.Null(UBootEnvironment.ChooseCurrent([Copy(1, false)]));
    }
}
