using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Cli.Tests;

/// <summary>
/// `medulla fw printenv/setenv`, run as the built executable, against libubootenv's fw_printenv and
/// fw_setenv on the same images: images made by mkenvimage (with and without -r) print identically, and
/// what either writes the other reads. Seeded random rounds, single and redundant layouts; a failure
/// names the seed and round (replay with MEDULLA_TEST_SEED). The library's own comparison with the same
/// tools is LibubootenvCompatibilityTests in Medulla.Firmware.Tests.
/// </summary>
public sealed class FirmwareCliCompatibilityTests : IDisposable
{
    private const int Rounds = 30;
    private readonly TempDirectory _dir = new();
    private readonly Mkenvimage _mkenvimage = new();
    private readonly LibubootenvTool _libubootenv;
    private readonly MedullaFwTool _medulla = new();
    private readonly string _fwPrintenv = ProcessRunner.Require("fw_printenv", "libubootenv-tool");

    public FirmwareCliCompatibilityTests() => _libubootenv = new LibubootenvTool(_dir);

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Images_made_by_mkenvimage_print_identically_with_medulla_and_fw_printenv(EnvLayout layout)
    {
        int seed = RandomEnv.Seed();
        var random = new RandomEnv(seed);
        for (int round = 0; round < Rounds; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                // given an image made by mkenvimage (-s, with or without -r, some padding; redundant copies with random flags, maybe one damaged)
                (EnvImage image, Dictionary<string, string> expected) = RandomImages.ForReading(random, _mkenvimage, _dir, $"mk{round}", layout);

                // when both print it
                string ours = ProcessRunner.Run(CliRun.Executable, ["fw", "printenv", "-c", image.ConfigPath]).EnsureSuccess().Stdout;
                string theirs = ProcessRunner.Run(_fwPrintenv, ["-c", image.ConfigPath]).EnsureSuccess().Stdout;

                // then the output is the same, byte for byte, and holds the expected variables
                Assert.Equal(theirs, ours);
                EnvAssert.Same(expected, PrintenvOutput.Parse(ours).ToDictionary(StringComparer.Ordinal), "medulla fw printenv");
            });
        }
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void What_medulla_fw_setenv_writes_fw_printenv_reads(EnvLayout layout) => WrittenByOneReadByTheOther(layout, _medulla, _libubootenv);

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void What_fw_setenv_writes_medulla_fw_printenv_reads(EnvLayout layout) => WrittenByOneReadByTheOther(layout, _libubootenv, _medulla);

    private void WrittenByOneReadByTheOther(EnvLayout layout, IEnvTool writer, IEnvTool reader)
    {
        int seed = RandomEnv.Seed();
        var random = new RandomEnv(seed);
        for (int round = 0; round < Rounds; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                // given an image made by mkenvimage (for the redundant layout, its copy twice)
                (EnvImage image, Dictionary<string, string> model) = RandomImages.ForWriting(random, _mkenvimage, _dir, $"rw{round}", layout);

                // when the writer sets and deletes a batch of variables (scripts cannot set empty values)
                Dictionary<string, string?> changes = random.Changes(model, allowEmptyValues: false);
                writer.SetEnv(image.ConfigPath, changes);
                RandomEnv.Apply(model, changes);

                // then the reader reads exactly the model, in strcmp order
                IReadOnlyList<KeyValuePair<string, string>> read = reader.PrintEnv(image.ConfigPath);
                EnvAssert.Same(model, read.ToDictionary(StringComparer.Ordinal), $"{reader.Name} printenv after {writer.Name} setenv");
                Assert.Equal(read.OrderBy(v => v.Key, Comparer<string>.Create(VariableOrderOfStrcmp)), read);
            });
        }
    }

    /// <summary>strcmp on the UTF-8 bytes: how fw_printenv orders names.</summary>
    private static int VariableOrderOfStrcmp(string? x, string? y) =>
        System.Text.Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y ?? ""));
}
