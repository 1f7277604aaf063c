using System.Globalization;
using Medulla.Firmware.Tests.Support;
using Medulla.Firmware.UBoot;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>
/// Compatibility of our library with a printenv/setenv tool, over many seeded random rounds: images made
/// by mkenvimage read the same by us and by the tool; our writes are read by the tool and the tool's by
/// us; single and redundant layouts. Subclasses choose the tool: libubootenv's fw_printenv/fw_setenv
/// now, and `medulla fw printenv/setenv` when the CLI exists.
/// </summary>
public abstract class EnvToolCompatibilityTests : IDisposable
{
    private const int Rounds = 50;
    private static readonly int[] Sizes = [0x400, 0x1000, 0x2000, 0x4000];
    private readonly TempDirectory _dir = new();
    private readonly Mkenvimage _mkenvimage = new();
    private readonly IEnvTool _tool;

    protected EnvToolCompatibilityTests() => _tool = CreateTool(_dir);

    /// <summary>The tool under comparison, keeping its scratch files in <paramref name="scratch"/>.</summary>
    protected abstract IEnvTool CreateTool(TempDirectory scratch);

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Images_made_by_mkenvimage_read_the_same_by_us_and_by_the_tool(EnvLayout layout)
    {
        int seed = RandomEnv.Seed();
        var random = new RandomEnv(seed);
        for (int round = 0; round < Rounds; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                // given an image made by mkenvimage, with -s, with or without -r, and some padding byte
                int size = Sizes[random.Random.Next(Sizes.Length)];
                byte? pad = random.Random.Next(3) switch { 0 => null, 1 => 0x00, _ => (byte)random.Random.Next(256) };
                var image = new EnvImage(_dir, $"mk{round}", layout, size);
                Dictionary<string, string> expected;
                if (layout == EnvLayout.SingleCopy)
                {
                    expected = random.Variables(size / 200, allowEmptyValues: true);
                    File.WriteAllBytes(image.ImagePath, _mkenvimage.Create(expected, size, redundant: false, pad, _dir));
                }
                else
                {
                    // two copies made with -r (both flags 1), then flags set and copies damaged at random
                    Dictionary<string, string> first = random.Variables(size / 200, allowEmptyValues: true);
                    Dictionary<string, string> second = random.Variables(size / 200, allowEmptyValues: true);
                    byte[] copy0 = _mkenvimage.Create(first, size, redundant: true, pad, _dir);
                    byte[] copy1 = _mkenvimage.Create(second, size, redundant: true, pad, _dir);
                    byte[] flagChoices = [0, 1, 2, 127, 254, 255, (byte)random.Random.Next(256)];
                    copy0[4] = flagChoices[random.Random.Next(flagChoices.Length)];
                    copy1[4] = flagChoices[random.Random.Next(flagChoices.Length)];
                    int damaged = random.Random.Next(5);
                    if (damaged == 0)
                    {
                        Array.Clear(copy0);
                    }
                    else if (damaged == 1)
                    {
                        copy1[size - 1] ^= 0x01;
                    }
                    File.WriteAllBytes(image.ImagePath, [.. copy0, .. copy1]);
                    expected = damaged == 0 ? second : damaged == 1 ? first : Newer(copy0[4], copy1[4]) == 0 ? first : second;
                }

                // when both read it
                UBootEnvSnapshot ours = image.Environment().Read();
                IReadOnlyList<KeyValuePair<string, string>> theirs = _tool.PrintEnv(image.ConfigPath);

                // then both see the expected variables, listed in the same (name) order
                AssertSame(expected, ours.Variables, "our reader");
                Assert.Equal(theirs, ours.Variables.ToList());
            });
        }
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Interleaved_writes_by_us_and_by_the_tool_read_the_same_by_both(EnvLayout layout)
    {
        int seed = RandomEnv.Seed();
        var random = new RandomEnv(seed);
        for (int round = 0; round < Rounds; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                // given an image made by mkenvimage (for the redundant layout, its copy twice)
                int size = Sizes[random.Random.Next(Sizes.Length)];
                var image = new EnvImage(_dir, $"rw{round}", layout, size);
                Dictionary<string, string> model = random.Variables(size / 400, allowEmptyValues: false);
                byte[] copy = _mkenvimage.Create(model, size, layout == EnvLayout.Redundant, null, _dir);
                File.WriteAllBytes(image.ImagePath, layout == EnvLayout.Redundant ? [.. copy, .. copy] : copy);

                for (int step = 0; step < 4; step++)
                {
                    // when either we or fw_setenv apply a batch of changes
                    bool ours = random.Random.Next(2) == 0;
                    Dictionary<string, string?> changes = random.Changes(model, allowEmptyValues: ours);
                    if (ours)
                    {
                        image.Environment().Update(changes);
                    }
                    else
                    {
                        _tool.SetEnv(image.ConfigPath, changes);
                    }
                    RandomEnv.Apply(model, changes);

                    // then both read exactly the model
                    string writer = ours ? "after our write" : $"after {_tool.Name} setenv";
                    AssertSame(model, image.Environment().Read().Variables, $"our reader {writer} (step {step})");
                    AssertSame(model, _tool.PrintEnv(image.ConfigPath).ToDictionary(StringComparer.Ordinal), $"{_tool.Name} printenv {writer} (step {step})");
                }
            });
        }
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy, 0x00)]
    [InlineData(EnvLayout.Redundant, 0x00)]
    public void Our_encoding_is_byte_identical_to_mkenvimage_given_sorted_input_and_zero_padding(EnvLayout layout, byte pad)
    {
        int seed = RandomEnv.Seed();
        var random = new RandomEnv(seed);
        for (int round = 0; round < 10; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                int size = Sizes[random.Random.Next(Sizes.Length)];
                Dictionary<string, string> variables = random.Variables(size / 200, allowEmptyValues: true);
                var sorted = variables.OrderBy(v => v.Key, Comparer<string>.Create(VariableOrder.Instance.Compare)).ToList();

                byte[] theirs = _mkenvimage.Create(sorted, size, layout == EnvLayout.Redundant, pad, _dir);
                byte[] ours = UBootEnvCodec.Encode(variables, layout, size, flags: 1);

                Assert.Equal(theirs, ours);
            });
        }
    }

    [Fact]
    public void The_tool_writes_the_copy_that_is_not_current_with_flags_plus_one_as_we_do()
    {
        // given a redundant image whose copy 1 is current with flags 7
        var image = new EnvImage(_dir, "flags", EnvLayout.Redundant, 0x400);
        byte[] copy0 = UBootEnvCodec.Encode([new("a", "old")], EnvLayout.Redundant, 0x400, 6);
        byte[] copy1 = UBootEnvCodec.Encode([new("a", "current")], EnvLayout.Redundant, 0x400, 7);
        File.WriteAllBytes(image.ImagePath, [.. copy0, .. copy1]);

        // when the tool writes
        _tool.SetEnv(image.ConfigPath, new Dictionary<string, string?> { ["b"] = "1" });

        // then copy 0 has flags 8 and copy 1 is untouched, which is what our writer does too
        byte[] after = File.ReadAllBytes(image.ImagePath);
        Assert.Equal(8, after[4]);
        Assert.Equal(copy1, after[0x400..]);
        UBootEnvSnapshot ours = image.Environment().Update(new Dictionary<string, string?> { ["c"] = "2" });
        Assert.Equal(1, ours.CurrentCopy);
        Assert.Equal(9, ours.Copies[1].Flags);
    }

    /// <summary>U-Boot's rule, written out independently of ours: larger flags win, 0 beats 255, ties go to copy 0.</summary>
    private static int Newer(byte flags0, byte flags1)
    {
        if (flags0 == 255 && flags1 == 0)
        {
            return 1;
        }
        if (flags1 == 255 && flags0 == 0)
        {
            return 0;
        }
        return flags1 > flags0 ? 1 : 0;
    }

    private static void AssertSame(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, string who)
    {
        foreach (KeyValuePair<string, string> pair in expected)
        {
            Assert.True(actual.TryGetValue(pair.Key, out string? value), $"{who}: '{pair.Key}' is missing");
            Assert.True(value == pair.Value, $"{who}: '{pair.Key}' is '{value}', expected '{pair.Value}'");
        }
        Assert.True(expected.Count == actual.Count, $"{who}: {actual.Count} variables, expected {expected.Count}: extra {string.Join(", ", actual.Keys.Except(expected.Keys))}");
    }
}

/// <summary>The comparison against libubootenv's fw_printenv and fw_setenv (Debian package libubootenv-tool).</summary>
public sealed class LibubootenvCompatibilityTests : EnvToolCompatibilityTests
{
    protected override IEnvTool CreateTool(TempDirectory scratch) => new LibubootenvTool(scratch);
}
