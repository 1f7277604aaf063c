using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

public sealed class UBootEnvironmentTests : IDisposable
{
    private const int Size = 0x400;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string> Vars(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static Dictionary<string, string?> Changes(params (string Name, string? Value)[] changes) =>
        changes.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);

    private EnvImage BlankImage(EnvLayout layout, string name = "env")
    {
        var image = new EnvImage(_dir, name, layout, Size);
        File.WriteAllBytes(image.ImagePath, new byte[layout == EnvLayout.Redundant ? 2 * Size : Size]);
        return image;
    }

    [Fact]
    public void A_blank_single_copy_cannot_be_read_and_the_error_says_why()
    {
        EnvImage image = BlankImage(EnvLayout.SingleCopy);

        var error = Assert.Throws<UBootEnvException>(() => image.Environment().Read());

        Assert.Equal($"the environment at {image.ImagePath} at 0x0 is not valid: blank (all 0x00 or all 0xff: never written or erased)", error.Message);
    }

    [Fact]
    public void Replace_initializes_a_blank_environment_and_Update_changes_it()
    {
        // given a blank single-copy image initialized with Replace
        EnvImage image = BlankImage(EnvLayout.SingleCopy);
        UBootEnvironment env = image.Environment();
        env.Replace(Vars("a=1", "b=2"));

        // when a batch of changes is applied
        UBootEnvSnapshot written = env.Update(Changes(("a", null), ("c", "3=x")));

        // then the new environment is what a fresh read sees
        Assert.True(written.Written);
        Assert.Equal(Vars("b=2", "c=3=x"), env.Read().Variables);
    }

    [Fact]
    public void A_redundant_write_goes_to_the_other_copy_with_flags_plus_one_and_leaves_the_current_copy_intact()
    {
        // given a redundant image whose copy 0 is current (flags 1)
        EnvImage image = BlankImage(EnvLayout.Redundant);
        UBootEnvironment env = image.Environment();
        env.Replace(Vars("gen=1"));
        byte[] copy0 = File.ReadAllBytes(image.ImagePath)[..Size];

        // when a change is written
        UBootEnvSnapshot snapshot = env.Update(Changes(("gen", "2")));

        // then copy 1 holds it with flags 2, and copy 0 is byte for byte what it was
        byte[] after = File.ReadAllBytes(image.ImagePath);
        Assert.Equal(1, snapshot.CurrentCopy);
        Assert.Equal(2, snapshot.Copies[1].Flags);
        Assert.Equal(copy0, after[..Size]);
        Assert.Equal("2", UBootEnvCodec.Decode(after.AsSpan(Size), EnvLayout.Redundant).Variables["gen"]);

        // and the next write alternates back to copy 0 with flags 3
        snapshot = env.Update(Changes(("gen", "3")));
        Assert.Equal(0, snapshot.CurrentCopy);
        Assert.Equal(3, snapshot.Copies[0].Flags);
    }

    [Fact]
    public void The_flags_wrap_from_255_to_0_and_0_is_then_the_newer_copy()
    {
        // given copy 0 current with flags 255 and copy 1 older with flags 254
        EnvImage image = BlankImage(EnvLayout.Redundant);
        byte[] file = [.. UBootEnvCodec.Encode(Vars("gen=255"), EnvLayout.Redundant, Size, 255), .. UBootEnvCodec.Encode(Vars("gen=254"), EnvLayout.Redundant, Size, 254)];
        File.WriteAllBytes(image.ImagePath, file);

        // when a change is written
        UBootEnvSnapshot snapshot = image.Environment().Update(Changes(("gen", "256")));

        // then copy 1 got flags 0 and reads as current
        Assert.Equal(0, snapshot.Copies[1].Flags);
        UBootEnvSnapshot read = image.Environment().Read();
        Assert.Equal(1, read.CurrentCopy);
        Assert.Equal("256", read.Variables["gen"]);
    }

    [Fact]
    public void A_change_that_changes_nothing_is_not_written()
    {
        EnvImage image = BlankImage(EnvLayout.Redundant);
        UBootEnvironment env = image.Environment();
        env.Replace(Vars("a=1"));
        env.Update(Changes(("a", "1")));
        byte[] before = File.ReadAllBytes(image.ImagePath);

        UBootEnvSnapshot snapshot = env.Update(Changes(("a", "1"), ("missing", null)));

        Assert.False(snapshot.Written);
        Assert.Equal(before, File.ReadAllBytes(image.ImagePath));
    }

    [Fact]
    public void A_corrupt_redundant_copy_is_reported_and_the_next_write_repairs_it_even_without_a_change()
    {
        // given a redundant image with copy 1 zero-filled
        EnvImage image = BlankImage(EnvLayout.Redundant);
        UBootEnvironment env = image.Environment();
        env.Replace(Vars("a=1"));

        // when it is read
        UBootEnvSnapshot read = env.Read();

        // then copy 0 is used and copy 1 is reported
        Assert.Equal(0, read.CurrentCopy);
        Assert.Equal(EnvCopyState.Blank, read.Copies[1].State);
        string warning = Assert.Single(read.Warnings);
        Assert.Equal($"copy 2 ({image.ImagePath} at 0x400) is not usable: blank (all 0x00 or all 0xff: never written or erased); the next write replaces it", warning);

        // when a write that changes nothing is made
        UBootEnvSnapshot written = env.Update(Changes(("a", "1")));

        // then it was written anyway, and both copies are valid
        Assert.True(written.Written);
        Assert.Empty(env.Read().Warnings);
        Assert.All(env.Read().Copies, c => Assert.Equal(EnvCopyState.Valid, c.State));
    }

    [Fact]
    public void A_truncated_file_is_reported_as_a_truncated_copy_and_the_next_write_restores_it()
    {
        EnvImage image = BlankImage(EnvLayout.Redundant);
        UBootEnvironment env = image.Environment();
        env.Replace(Vars("a=1"));
        using (var stream = new FileStream(image.ImagePath, FileMode.Open))
        {
            stream.SetLength(Size + 100);
        }

        UBootEnvSnapshot read = env.Read();
        Assert.Equal(EnvCopyState.Truncated, read.Copies[1].State);
        Assert.Contains($"truncated: {image.ImagePath} is {Size + 100} bytes long, the copy ends at {2 * Size}", read.Warnings[0], StringComparison.Ordinal);

        env.Update(Changes(("a", "2")));

        Assert.Equal(2 * Size, new FileInfo(image.ImagePath).Length);
        Assert.Empty(env.Read().Warnings);
    }

    [Fact]
    public void Neither_copy_valid_is_an_error_naming_both_copies()
    {
        EnvImage image = BlankImage(EnvLayout.Redundant);
        byte[] file = new byte[2 * Size];
        file[100] = 1;
        File.WriteAllBytes(image.ImagePath, file);

        var error = Assert.Throws<UBootEnvException>(() => image.Environment().Update(Changes(("a", "1"))));

        Assert.StartsWith("neither environment copy is valid: copy 1 (", error.Message, StringComparison.Ordinal);
        Assert.Contains("CRC mismatch (stored 0x00000000, computed 0x", error.Message, StringComparison.Ordinal);
        Assert.Contains("copy 2 (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_offsets_count_back_from_the_end_of_the_file()
    {
        // given a 3-block file whose last two blocks are the environment, configured from the end
        string path = _dir.File("disk.img");
        File.WriteAllBytes(path, new byte[3 * Size]);
        var config = FwEnvConfig.Parse($"{path} -0x800 0x400\n{path} -0x400 0x400\n");
        var env = new UBootEnvironment(config, lockPath: null);

        // when it is initialized and changed
        env.Replace(Vars("a=1"));
        UBootEnvSnapshot snapshot = env.Update(Changes(("a", "2")));

        // then the copies sit at the resolved offsets and the first block is untouched
        Assert.Equal([Size, 2L * Size], snapshot.Copies.Select(c => c.Offset));
        byte[] file = File.ReadAllBytes(path);
        Assert.All(file[..Size], b => Assert.Equal(0, b));
        Assert.Equal("2", UBootEnvCodec.Decode(file.AsSpan(2 * Size), EnvLayout.Redundant).Variables["a"]);
    }

    [Fact]
    public void An_offset_before_the_start_of_the_file_is_an_error()
    {
        string path = _dir.File("small.img");
        File.WriteAllBytes(path, new byte[Size]);
        var env = new UBootEnvironment(FwEnvConfig.Parse($"{path} -0x800 0x400\n"), lockPath: null);

        var error = Assert.Throws<UBootEnvException>(env.Read);

        Assert.Equal($"fw_env.config:1: copy 1 ({path} at -0x800): the offset counts back from the end of {path}, which is only {Size} bytes long", error.Message);
    }

    [Fact]
    public void Overlapping_copies_are_refused_before_anything_is_written()
    {
        string path = _dir.File("overlap.img");
        File.WriteAllBytes(path, new byte[2 * Size]);
        var env = new UBootEnvironment(FwEnvConfig.Parse($"{path} 0 0x400\n{path} 0x200 0x400\n"), lockPath: null);

        var error = Assert.Throws<UBootEnvException>(() => env.Replace(Vars("a=1")));

        Assert.StartsWith($"the two copies overlap on {path}", error.Message, StringComparison.Ordinal);
        Assert.All(File.ReadAllBytes(path), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_character_device_is_refused_as_unsupported()
    {
        var env = new UBootEnvironment(FwEnvConfig.Parse("/dev/null 0 0x400\n"), lockPath: null);

        var error = Assert.Throws<UBootEnvException>(env.Read);

        Assert.StartsWith("/dev/null is a character device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_image_is_a_file_not_found_error_naming_it()
    {
        string path = _dir.File("missing.img");
        var env = new UBootEnvironment(FwEnvConfig.Parse($"{path} 0 0x400\n"), lockPath: null);

        var error = Assert.Throws<FileNotFoundException>(env.Read);

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_changes_are_refused_before_the_device_is_opened()
    {
        var env = new UBootEnvironment(FwEnvConfig.Parse($"{_dir.File("missing.img")} 0 0x400\n"), lockPath: null);

        var error = Assert.Throws<ArgumentException>(() => env.Update(Changes(("a=b", "1"))));

        Assert.StartsWith("variable name 'a=b' contains '='", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_that_does_not_fit_is_refused_and_nothing_is_written()
    {
        EnvImage image = BlankImage(EnvLayout.Redundant);
        UBootEnvironment env = image.Environment();
        env.Replace(Vars("a=1"));
        byte[] before = File.ReadAllBytes(image.ImagePath);

        Assert.Throws<ArgumentException>(() => env.Update(Changes(("big", new string('x', Size)))));

        Assert.Equal(before, File.ReadAllBytes(image.ImagePath));
    }

    [Fact]
    public void The_shared_lock_file_is_taken_when_configured()
    {
        EnvImage image = BlankImage(EnvLayout.SingleCopy);
        string lockPath = _dir.File("fw_printenv.lock");
        var env = new UBootEnvironment(image.Config, lockPath);

        env.Replace(Vars("a=1"));

        Assert.True(File.Exists(lockPath));
        Assert.Equal("1", env.Read().Variables["a"]);
    }

    [Fact]
    public void Concurrent_updates_from_many_threads_all_land()
    {
        EnvImage image = BlankImage(EnvLayout.Redundant);
        UBootEnvironment env = image.Environment();
        env.Replace([]);

        Parallel.For(0, 32, i => env.Update(Changes(($"k{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal(32, env.Read().Variables.Count);
    }
}
