using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>
/// The power-cut guarantee of the redundant layout: a write torn anywhere leaves an image that reads as
/// the old environment or the new one, never an error, never the generation before the old one, never a
/// mix; fw_printenv agrees; and the next write leaves both copies valid.
/// </summary>
/// <remarks>
/// The write is torn through the storage seam of <see cref="UBootEnvironment"/>: only the first N bytes
/// of the new copy reach the image file (N at every 512-byte boundary and at random byte offsets), or
/// only a random set of its 512-byte sectors (a disk cache writing back out of order); then the write
/// path throws, as if the machine stopped there.
/// </remarks>
public sealed class PowerCutTests : IDisposable
{
    private const int Size = 0x2000;
    private readonly TempDirectory _dir = new();
    private readonly LibubootenvTool _tool;

    public PowerCutTests() => _tool = new LibubootenvTool(_dir);

    public void Dispose() => _dir.Dispose();

    /// <summary>How the image looks before the torn write.</summary>
    public enum Start
    {
        /// <summary>Both copies valid; the one to be written holds the generation before the current one.</summary>
        BothValid,

        /// <summary>The copy to be written is zero-filled.</summary>
        ZeroFilled,

        /// <summary>The file ends in the middle of the copy to be written.</summary>
        Truncated,
    }

    private sealed record Generations(Dictionary<string, string> Older, Dictionary<string, string> Old, Dictionary<string, string?> Changes, Dictionary<string, string> New);

    private static Generations MakeGenerations(int seed)
    {
        var random = new RandomEnv(seed);
        // Large enough to span most of the 16 sectors, so tears land inside the data, not only in padding.
        Dictionary<string, string> Big(string tag)
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < 45; i++)
            {
                variables[$"{tag}{i:D3}.{random.Name()}"] = random.Value(allowEmpty: false) + random.Value(allowEmpty: false);
            }
            return variables;
        }
        Dictionary<string, string> older = Big("older");
        Dictionary<string, string> old = Big("old");
        Dictionary<string, string?> changes = old.Keys.Where((_, i) => i % 2 == 0).ToDictionary(k => k, string? (_) => null, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in Big("new"))
        {
            changes[pair.Key] = pair.Value;
        }
        var updated = new Dictionary<string, string>(old, StringComparer.Ordinal);
        RandomEnv.Apply(updated, changes);
        return new Generations(older, old, changes, updated);
    }

    /// <summary>Builds the starting image, whose current copy holds the old environment.</summary>
    private byte[] StartImage(Start start, Generations generations)
    {
        string path = _dir.File("start.img");
        File.WriteAllBytes(path, new byte[2 * Size]);
        var env = new UBootEnvironment(FwEnvConfig.ForImage(path, EnvLayout.Redundant, Size), lockPath: null);
        switch (start)
        {
            case Start.BothValid:
                env.Replace(generations.Older);                      // copy 0, flags 1
                env.Update(Diff(generations.Older, generations.Old)); // copy 1, flags 2: current
                break;
            case Start.ZeroFilled:
                env.Replace(generations.Old);                         // copy 0, flags 1; copy 1 stays zero-filled
                break;
            case Start.Truncated:
                env.Replace(generations.Old);                         // copy 0, flags 1
                using (var stream = new FileStream(path, FileMode.Open))
                {
                    stream.SetLength(Size + 300);                     // the file ends 300 bytes into copy 1
                }
                break;
        }
        byte[] image = File.ReadAllBytes(path);
        File.Delete(path);
        return image;
    }

    private static Dictionary<string, string?> Diff(Dictionary<string, string> from, Dictionary<string, string> to)
    {
        var changes = from.Keys.Where(k => !to.ContainsKey(k)).ToDictionary(k => k, string? (_) => null, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in to)
        {
            changes[pair.Key] = pair.Value;
        }
        return changes;
    }

    /// <summary>The copy the torn write goes to: the older one, or the zero-filled or truncated one.</summary>
    private static int TargetCopy(Start start) => start == Start.BothValid ? 0 : 1;

    private void TearAndCheck(Start start, Generations generations, byte[] startImage, PowerCutStorage cut, string what)
    {
        string path = _dir.File("torn.img");
        File.WriteAllBytes(path, startImage);
        var config = FwEnvConfig.ForImage(path, EnvLayout.Redundant, Size);
        string configPath = _dir.File("torn.config");
        File.WriteAllText(configPath, config.ToConfigText());

        // when the write is torn
        var torn = new UBootEnvironment(config, null, cut);
        Assert.Throws<PowerCutException>(() => torn.Update(generations.Changes));

        // then the image reads as the old or the new environment, by us and by fw_printenv alike
        UBootEnvSnapshot read = new UBootEnvironment(config, lockPath: null).Read();
        bool isOld = Same(generations.Old, read.Variables);
        bool isNew = Same(generations.New, read.Variables);
        Assert.True(isOld || isNew, $"{what}: the image reads as neither the old nor the new environment ({read.Variables.Count} variables)");
        // libubootenv reads each copy whole and gives up on the entire environment when the file ends
        // early, so it can only be compared once the file has its full length again.
        if (new FileInfo(path).Length >= 2 * Size)
        {
            Assert.Equal(read.Variables.ToList(), _tool.PrintEnv(configPath));
        }

        // and the next write succeeds and leaves both copies valid
        UBootEnvSnapshot repaired = new UBootEnvironment(config, lockPath: null).Update(new Dictionary<string, string?> { ["after"] = what });
        Assert.True(repaired.Written);
        UBootEnvSnapshot after = new UBootEnvironment(config, lockPath: null).Read();
        Assert.Empty(after.Warnings);
        Assert.Equal(what, after.Variables["after"]);
        File.Delete(path);
    }

    private static bool Same(Dictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        expected.Count == actual.Count && expected.All(p => actual.TryGetValue(p.Key, out string? v) && v == p.Value);

    [Theory]
    [InlineData(Start.BothValid)]
    [InlineData(Start.ZeroFilled)]
    [InlineData(Start.Truncated)]
    public void A_write_cut_at_every_sector_boundary_and_at_random_bytes_reads_as_old_or_new(Start start)
    {
        int seed = RandomEnv.Seed();
        Generations generations = MakeGenerations(seed);
        byte[] image = StartImage(start, generations);
        var random = new Random(seed);
        IEnumerable<int> cuts = Enumerable.Range(0, Size / PowerCutStorage.SectorSize + 1).Select(i => i * PowerCutStorage.SectorSize)
            .Concat(Enumerable.Range(0, 40).Select(_ => random.Next(1, Size)));
        var outcomes = new List<bool>();
        foreach (int bytes in cuts)
        {
            RandomEnv.Round(seed, bytes, () =>
            {
                var cut = PowerCutStorage.AfterBytes(bytes);
                TearAndCheck(start, generations, image, cut, $"cut after {bytes} bytes");
                Assert.Equal(bytes, cut.Written);
            });
        }

        // the end points: nothing written is the old environment, everything written (but not synced) the new one
        RandomEnv.Round(seed, -1, () =>
        {
            AssertOutcome(start, generations, image, PowerCutStorage.AfterBytes(0), generations.Old);
            AssertOutcome(start, generations, image, PowerCutStorage.AfterBytes(Size), generations.New);
        });
    }

    [Theory]
    [InlineData(Start.BothValid)]
    [InlineData(Start.ZeroFilled)]
    [InlineData(Start.Truncated)]
    public void A_write_of_which_only_some_sectors_reached_the_device_reads_as_old_or_new(Start start)
    {
        int seed = RandomEnv.Seed();
        Generations generations = MakeGenerations(seed);
        byte[] image = StartImage(start, generations);
        var random = new Random(seed);
        int sectors = Size / PowerCutStorage.SectorSize;
        for (int round = 0; round < 30; round++)
        {
            var chosen = Enumerable.Range(0, sectors).Where(_ => random.Next(2) == 0).ToHashSet();
            RandomEnv.Round(seed, round, () => TearAndCheck(start, generations, image, PowerCutStorage.OnlySectors(chosen), $"sectors {string.Join(',', chosen.Order())}"));
        }
    }

    [Fact]
    public void A_torn_single_copy_write_reads_as_old_new_or_a_reported_error_as_documented()
    {
        // the single layout overwrites its only copy: a tear can destroy the environment, but it never
        // reads as a mix, and the error is the documented one
        int seed = RandomEnv.Seed();
        Generations generations = MakeGenerations(seed);
        string path = _dir.File("single.img");
        File.WriteAllBytes(path, new byte[Size]);
        var config = FwEnvConfig.ForImage(path, EnvLayout.SingleCopy, Size);
        new UBootEnvironment(config, lockPath: null).Replace(generations.Old);
        byte[] start = File.ReadAllBytes(path);
        int errors = 0;
        for (int bytes = 0; bytes <= Size; bytes += PowerCutStorage.SectorSize)
        {
            File.WriteAllBytes(path, start);
            Assert.Throws<PowerCutException>(() => new UBootEnvironment(config, null, PowerCutStorage.AfterBytes(bytes)).Update(generations.Changes));
            try
            {
                IReadOnlyDictionary<string, string> read = new UBootEnvironment(config, lockPath: null).Read().Variables;
                Assert.True(Same(generations.Old, read) || Same(generations.New, read), $"seed {seed}, cut after {bytes}: a mix");
            }
            catch (UBootEnvException)
            {
                errors++;
            }
        }
        Assert.True(errors > 0, "a torn single-copy write was expected to lose the environment at some cut");
    }

    private void AssertOutcome(Start start, Generations generations, byte[] image, PowerCutStorage cut, Dictionary<string, string> expected)
    {
        string path = _dir.File("outcome.img");
        File.WriteAllBytes(path, image);
        var config = FwEnvConfig.ForImage(path, EnvLayout.Redundant, Size);
        Assert.Throws<PowerCutException>(() => new UBootEnvironment(config, null, cut).Update(generations.Changes));
        UBootEnvSnapshot read = new UBootEnvironment(config, lockPath: null).Read();
        bool old = ReferenceEquals(expected, generations.Old);
        Assert.True(Same(expected, read.Variables), $"{start}: expected the {(old ? "old" : "new")} environment");
        Assert.Equal(old, read.CurrentCopy != TargetCopy(start));
        File.Delete(path);
    }
}
