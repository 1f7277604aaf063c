using System.Globalization;
using System.Text;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Core;

/// <summary>
/// The short-decimal path must write exactly what double.TryFormat writes (invariant culture, no
/// format), so these compare the two on many values; seeded, so a failure repeats.
/// </summary>
public class ShortDecimalTests
{
    private static string DotNet(double value)
    {
        Span<byte> buffer = stackalloc byte[64];
        Assert.True(value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture));
        return Encoding.ASCII.GetString(buffer[..written]);
    }

    private static string? Short(double value)
    {
        Span<byte> buffer = stackalloc byte[ShortDecimal.MaxLength];
        return ShortDecimal.TryFormat(value, buffer, out int written) ? Encoding.ASCII.GetString(buffer[..written]) : null;
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(999.75, "999.75")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(1234500.0, "1234500")]
    [InlineData(123456.789012, "123456.789012")]
    [InlineData(999999999999999.0, "999999999999999")]
    [InlineData(1.0, "1")]
    public void Short_decimals_are_written_as_dotnet_writes_them(double value, string expected)
    {
        Assert.Equal(expected, DotNet(value));
        Assert.Equal(expected, Short(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(1e15)]
    [InlineData(0.00009)]
    [InlineData(0.30000000000000004)]
    [InlineData(1.0000001)]
    [InlineData(3.141592653589793)]
    public void Values_that_are_not_short_decimals_are_left_to_dotnet(double value)
    {
        Assert.Null(Short(value));
    }

    [Fact]
    public void Every_decimal_with_up_to_six_places_takes_the_short_path_and_matches_dotnet()
    {
        var random = new Random(20261204);
        for (int i = 0; i < 1_000_000; i++)
        {
            int decimals = random.Next(0, ShortDecimal.MaxDecimals + 1);
            int digits = random.Next(1, 16);
            long m = random.NextInt64(1, (long)Math.Pow(10, digits));
            double value = m / Math.Pow(10, decimals) * (random.Next(2) == 0 ? 1 : -1);
            string expected = DotNet(value);
            string? actual = Short(value);
            if (Math.Abs(value) >= 1e-4 && Math.Abs(value) < 1e15 && m < 1e15)
            {
                Assert.True(actual is not null, $"{expected} ({m} / 10^{decimals}) should take the short path");
            }
            if (actual is not null)
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Any_double_the_short_path_takes_is_written_as_dotnet_writes_it()
    {
        var random = new Random(4242);
        Span<byte> bits = stackalloc byte[8];
        int taken = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            double value;
            if (i % 2 == 0)
            {
                random.NextBytes(bits);
                value = BitConverter.ToDouble(bits);
            }
            else
            {
                // Values near decimals: the short path's boundary cases.
                double near = random.NextInt64(1, 10_000_000) / 1000.0;
                value = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(near) + random.Next(-2, 3));
            }
            string? actual = Short(value);
            if (actual is not null)
            {
                taken++;
                Assert.Equal(DotNet(value), actual);
            }
        }
        Assert.True(taken > 50_000, $"only {taken} values took the short path");
    }

    [Fact]
    public void Values_at_the_range_limits_match_dotnet_whichever_path_they_take()
    {
        double[] limits = [1e-4, 1e15];
        foreach (double limit in limits)
        {
            long bits = BitConverter.DoubleToInt64Bits(limit);
            for (long d = -50; d <= 50; d++)
            {
                double value = BitConverter.Int64BitsToDouble(bits + d);
                if (Short(value) is { } actual)
                {
                    Assert.Equal(DotNet(value), actual);
                }
            }
        }
    }

    [Fact]
    public void A_destination_too_short_is_refused_without_writing()
    {
        Span<byte> small = stackalloc byte[ShortDecimal.MaxLength - 1];
        small.Fill((byte)'x');
        Assert.False(ShortDecimal.TryFormat(1.5, small, out int written));
        Assert.Equal(0, written);
        Assert.True(small.IndexOfAnyExcept((byte)'x') < 0);
    }
}
