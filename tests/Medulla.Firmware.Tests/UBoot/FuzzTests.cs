using System.IO.Hashing;
using System.Text;
using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

/// <summary>
/// Random and mutated input to every parser: only the documented outcomes. The block decoder never
/// throws; the config parser throws only <see cref="FwEnvConfigException"/>; reading an image throws only
/// <see cref="UBootEnvException"/>.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Random_blocks_decode_without_exceptions()
    {
        int seed = RandomEnv.Seed();
        var random = new Random(seed);
        for (int round = 0; round < 3000; round++)
        {
            var block = new byte[random.Next(0, 1200)];
            random.NextBytes(block);
            EnvLayout layout = round % 2 == 0 ? EnvLayout.SingleCopy : EnvLayout.Redundant;
            RandomEnv.Round(seed, round, () => AssertWellFormed(UBootEnvCodec.Decode(block, layout)));
        }
    }

    [Fact]
    public void Mutated_valid_blocks_decode_without_exceptions_even_when_their_crc_is_fixed_up()
    {
        int seed = RandomEnv.Seed();
        var env = new RandomEnv(seed);
        Random random = env.Random;
        for (int round = 0; round < 3000; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                EnvLayout layout = round % 2 == 0 ? EnvLayout.SingleCopy : EnvLayout.Redundant;
                // at most 3 variables of at most 282 UTF-8 bytes each always fit in 1024
                Dictionary<string, string> variables = env.Variables(3, allowEmptyValues: true);
                byte[] block = UBootEnvCodec.Encode(variables, layout, 1024, (byte)random.Next(256));
                int mutations = random.Next(1, 8);
                for (int i = 0; i < mutations; i++)
                {
                    int at = random.Next(block.Length);
                    block[at] = random.Next(3) switch { 0 => 0, 1 => (byte)'=', _ => (byte)random.Next(256) };
                }
                if (random.Next(2) == 0)
                {
                    // make the garbage pass the CRC, so the entry parser sees it
                    int header = UBootEnvCodec.HeaderSize(layout);
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(block, Crc32.HashToUInt32(block.AsSpan(header)));
                }
                if (random.Next(4) == 0)
                {
                    block = block[..random.Next(block.Length)];
                }
                AssertWellFormed(UBootEnvCodec.Decode(block, layout));
            });
        }
    }

    [Fact]
    public void Random_and_mutated_configs_parse_or_throw_only_FwEnvConfigException()
    {
        string[] tokens = ["/dev/mmcblk0", "/tmp/x.img", "0", "0x", "0x2000", "-0x2000", "8192", "-", "--1", "0x-1", "#", "# c", "\t", " ",
            "99999999999999999999", "0xFFFFFFFFFFFFFFFFFF", "0x7FFFFFFF", "0x80000000", "1e3", "٣", "0x٣", "+5", "ǅ", "\r", "\0", "\u2028", "\v"];
        int seed = RandomEnv.Seed();
        var random = new Random(seed);
        string valid = "/dev/mmcblk0 0x100000 0x2000 0x200 1\n/dev/mmcblk0 0x102000 0x2000 0x200 1\n";
        for (int round = 0; round < 5000; round++)
        {
            string text;
            if (round % 2 == 0)
            {
                var builder = new StringBuilder();
                int lines = random.Next(0, 5);
                for (int l = 0; l < lines; l++)
                {
                    int fields = random.Next(0, 8);
                    for (int f = 0; f < fields; f++)
                    {
                        builder.Append(tokens[random.Next(tokens.Length)]).Append(random.Next(4) == 0 ? "\t" : " ");
                    }
                    builder.Append(random.Next(3) == 0 ? "\r\n" : "\n");
                }
                text = builder.ToString();
            }
            else
            {
                char[] chars = valid.ToCharArray();
                int mutations = random.Next(1, 6);
                for (int i = 0; i < mutations; i++)
                {
                    chars[random.Next(chars.Length)] = (char)random.Next(0, 128);
                }
                text = new string(chars);
            }
            RandomEnv.Round(seed, round, () =>
            {
                try
                {
                    FwEnvConfig config = FwEnvConfig.Parse(text);
                    Assert.InRange(config.Copies.Count, 1, 2);
                    Assert.All(config.Copies, c => Assert.Equal(config.EnvSize, c.Size));
                    Assert.True(config.EnvSize >= UBootEnvCodec.MinimumEnvSize(config.Layout));
                }
                catch (FwEnvConfigException error)
                {
                    Assert.Matches(@"^fw_env\.config(:\d+)?: ", error.Message);
                }
            });
        }
    }

    [Fact]
    public void Random_images_read_or_throw_only_UBootEnvException()
    {
        int seed = RandomEnv.Seed();
        var env = new RandomEnv(seed);
        Random random = env.Random;
        string path = _dir.File("fuzz.img");
        for (int round = 0; round < 400; round++)
        {
            RandomEnv.Round(seed, round, () =>
            {
                int size = random.Next(6, 1000);
                var image = new byte[random.Next(0, 2 * size + 100)];
                random.NextBytes(image);
                if (random.Next(2) == 0 && image.Length >= size)
                {
                    EnvLayout layout = random.Next(2) == 0 ? EnvLayout.SingleCopy : EnvLayout.Redundant;
                    Dictionary<string, string> variables = size >= 600 ? env.Variables(2, true) : [];
                    byte[] block = UBootEnvCodec.Encode(variables, layout, size, (byte)random.Next(256));
                    block[random.Next(block.Length)] ^= (byte)random.Next(2);
                    block.CopyTo(image, random.Next(image.Length - size + 1));
                }
                File.WriteAllBytes(path, image);
                long offset0 = random.Next(-image.Length - 10, image.Length + 10);
                long offset1 = random.Next(-image.Length - 10, image.Length + 10);
                string text = random.Next(2) == 0
                    ? $"{path} {offset0} {size}\n"
                    : $"{path} {offset0} {size}\n{path} {offset1} {size}\n";
                var environment = new UBootEnvironment(FwEnvConfig.Parse(text), lockPath: null);
                try
                {
                    environment.Read();
                }
                catch (UBootEnvException)
                {
                }
            });
        }
    }

    private static void AssertWellFormed(EnvBlock block)
    {
        if (block.State != EnvCopyState.Valid)
        {
            Assert.Empty(block.Variables);
            return;
        }
        foreach (string name in block.Variables.Keys)
        {
            Assert.NotEmpty(name);
            Assert.DoesNotContain('=', name);
            Assert.DoesNotContain('\0', name);
        }
        Assert.All(block.Variables.Values, v => Assert.DoesNotContain('\0', v));
    }
}
