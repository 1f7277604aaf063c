using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>Copies that do not lie where fw_env.config says they lie: refused or reported before anything is allocated or written.</summary>
public sealed class CopyLocationTests : IDisposable
{
    private const int Size = 0x400;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private (string Image, string Config) ImageWithConfig(string configLine)
    {
        string image = _dir.File("env.img");
        File.WriteAllBytes(image, UBootEnvCodec.Encode([new KeyValuePair<string, string>("a", "1")], EnvLayout.SingleCopy, Size));
        string config = _dir.File("fw_env.config");
        File.WriteAllText(config, $"# the environment\n{image} {configLine}\n");
        return (image, config);
    }

    [Fact]
    public void A_copy_at_a_negative_offset_that_ends_past_the_end_is_refused_naming_the_line_and_the_file_does_not_grow()
    {
        // given a 0x400-byte file and a copy of 0x400 bytes starting 0x200 bytes before its end
        (string image, string config) = ImageWithConfig("-0x200 0x400");
        var env = new UBootEnvironment(FwEnvConfig.Load(config), lockPath: null);

        // when it is written, then read
        var write = Assert.Throws<UBootEnvException>(() => env.Replace([new KeyValuePair<string, string>("a", "2")]));
        var read = Assert.Throws<UBootEnvException>(() => env.Read());

        // then both refuse, naming the config line, and nothing was written
        Assert.Equal(
            $"{config}:2: copy 1 ({image} at -0x200) would end 0x200 bytes past the end of {image} (0x400 bytes long); a copy at a negative offset must lie within the device",
            write.Message);
        Assert.Equal(write.Message, read.Message);
        Assert.Equal(Size, new FileInfo(image).Length);
    }

    [Fact]
    public void A_copy_at_a_negative_offset_that_fits_is_read()
    {
        (_, string config) = ImageWithConfig("-0x400 0x400");

        UBootEnvSnapshot snapshot = new UBootEnvironment(FwEnvConfig.Load(config), lockPath: null).Read();

        Assert.Equal("1", snapshot.Variables["a"]);
    }

    [Fact]
    public void An_env_size_larger_than_the_file_is_reported_as_truncated_without_allocating_it()
    {
        // given a config whose env size (48 MiB) is far larger than the 0x400-byte file
        (_, string config) = ImageWithConfig("0 0x3000000");
        var env = new UBootEnvironment(FwEnvConfig.Load(config), lockPath: null);

        // when it is read
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<UBootEnvException>(() => env.Read());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // then the copy is reported truncated and no buffer of the env size was allocated
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 0x100000, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_configuration_built_in_code_refuses_an_env_size_above_the_maximum()
    {
        var error = Assert.Throws<ArgumentException>(() => new FwEnvConfig([new EnvCopyLocation("env.img", 0, 0x7FFFFFF0)]));

        Assert.StartsWith("env size 0x7ffffff0 is too large: at most 0x4000000 bytes (64 MiB)", error.Message, StringComparison.Ordinal);
    }
}
