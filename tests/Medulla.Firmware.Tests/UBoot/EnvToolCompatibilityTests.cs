using System.Globalization;
using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>
/// Compatibility of our library with a printenv/setenv tool, over many seeded random rounds: images made
/// by mkenvimage read the same by us and by the tool; our writes are read by the tool and the tool's by
/// us; single and redundant layouts. Subclasses choose the tool (libubootenv's fw_printenv/fw_setenv).
/// The `medulla fw` commands are compared with fw_printenv/fw_setenv on the same helpers by
/// FirmwareCliCompatibilityTests in Medulla.Cli.Tests.
/// </summary>
public abstract class EnvToolCompatibilityTests : IDisposable
{
    private const int Rounds = 50;
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
                // given an image made by mkenvimage (-s, with or without -r, some padding; redundant copies with random flags, maybe one damaged)
                (EnvImage image, Dictionary<string, string> expected) = RandomImages.ForReading(random, _mkenvimage, _dir, $"mk{round}", layout);

                // when both read it
                UBootEnvSnapshot ours = image.Environment().Read();
                IReadOnlyList<KeyValuePair<string, string>> theirs = _tool.PrintEnv(image.ConfigPath);

                // then both see the expected variables, listed in the same (name) order
                EnvAssert.Same(expected, ours.Variables, "our reader");
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
                (EnvImage image, Dictionary<string, string> model) = RandomImages.ForWriting(random, _mkenvimage, _dir, $"rw{round}", layout);

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
                    EnvAssert.Same(model, image.Environment().Read().Variables, $"our reader {writer} (step {step})");
                    EnvAssert.Same(model, _tool.PrintEnv(image.ConfigPath).ToDictionary(StringComparer.Ordinal), $"{_tool.Name} printenv {writer} (step {step})");
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
                int size = RandomImages.Sizes[random.Random.Next(RandomImages.Sizes.Length)];
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
}

/// <summary>The comparison against libubootenv's fw_printenv and fw_setenv (Debian package libubootenv-tool).</summary>
public sealed class LibubootenvCompatibilityTests : EnvToolCompatibilityTests
{
    protected override IEnvTool CreateTool(TempDirectory scratch) => new LibubootenvTool(scratch);
}
