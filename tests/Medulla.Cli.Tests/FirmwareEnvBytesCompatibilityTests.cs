using System.Globalization;
using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Cli.Tests;

/// <summary>
/// The built <c>medulla</c> against libubootenv's fw_printenv/fw_setenv, byte for byte: environments
/// holding bytes that are not UTF-8, and fw_env.config files in every number form.
/// </summary>
public sealed class FirmwareEnvBytesCompatibilityTests : IDisposable
{
    private const int Size = 0x1000;

    /// <summary>The reproduction: a Latin-1 value, two names that differ only in an invalid byte.</summary>
    private static readonly byte[] Latin1Input = [.. "bootcount=0\nowner=Ren"u8, 0xE9, .. "\nkey"u8, 0xFF, .. "=first\nkey"u8, 0xFE, .. "=second\n"u8];

    private readonly TempDirectory _dir = new();
    private readonly string _mkenvimage = ProcessRunner.Require("mkenvimage", "u-boot-tools");
    private readonly string _printenv = ProcessRunner.Require("fw_printenv", "libubootenv-tool");
    private readonly string _setenv = ProcessRunner.Require("fw_setenv", "libubootenv-tool");

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// One copy made by <c>mkenvimage -p 0</c> from raw input (0x00 padding, as we and fw_setenv, which
    /// keeps the current copy's padding, then write), with flags 1 for the redundant layout.
    /// </summary>
    private byte[] Mkenvimage(byte[] input, EnvLayout layout)
    {
        string inputPath = _dir.File("in-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(inputPath, input);
        List<string> arguments = ["-s", "0x" + Size.ToString("x", CultureInfo.InvariantCulture), "-p", "0", "-o", inputPath + ".img"];
        if (layout == EnvLayout.Redundant)
        {
            arguments.Add("-r");
        }
        arguments.Add(inputPath);
        ProcessRunner.Run(_mkenvimage, arguments).EnsureSuccess();
        return File.ReadAllBytes(inputPath + ".img");
    }

    /// <summary>An image file (both copies for the redundant layout) with its config; returns the config path.</summary>
    private string ImageWithConfig(string name, byte[] image, Func<string, string> configText)
    {
        string imagePath = _dir.File(name + ".img");
        File.WriteAllBytes(imagePath, image);
        string configPath = _dir.File(name + ".config");
        File.WriteAllText(configPath, configText(imagePath));
        return configPath;
    }

    private static string ConfigFor(string image, EnvLayout layout) =>
        FwEnvConfig.ForImage(image, layout, Size).ToConfigText();

    private byte[] Printenv(string program, params string[] arguments)
    {
        (int exitCode, byte[] stdout, string stderr) = ProcessRunner.RunRaw(program, arguments);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {exitCode}: {stderr}");
        return stdout;
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Medulla_fw_setenv_writes_the_image_fw_setenv_writes_when_bytes_are_not_UTF_8(EnvLayout layout)
    {
        // given two equal images of the environment
        byte[] copy = Mkenvimage(Latin1Input, layout);
        byte[] image = layout == EnvLayout.Redundant ? [.. copy, .. copy] : copy;
        string ours = ImageWithConfig("medulla", image, path => ConfigFor(path, layout));
        string theirs = ImageWithConfig("libubootenv", image, path => ConfigFor(path, layout));

        // when each tool sets bootcount
        ProcessRunner.Run(CliRun.Executable, ["fw", "setenv", "-c", ours, "bootcount", "1"]).EnsureSuccess();
        ProcessRunner.Run(_setenv, ["-c", theirs, "bootcount", "1"]).EnsureSuccess();

        // then the two image files are the same, byte for byte, and fw_printenv reads every untouched byte
        Assert.Equal(Convert.ToHexString(File.ReadAllBytes(_dir.File("libubootenv.img"))), Convert.ToHexString(File.ReadAllBytes(_dir.File("medulla.img"))));
        byte[] expected = [.. "bootcount=1\nkey"u8, 0xFE, .. "=second\nkey"u8, 0xFF, .. "=first\nowner=Ren"u8, 0xE9, (byte)'\n'];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Printenv(_printenv, "-c", ours)));
    }

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Medulla_fw_printenv_prints_the_bytes_fw_printenv_prints(EnvLayout layout)
    {
        byte[] copy = Mkenvimage(Latin1Input, layout);
        string config = ImageWithConfig("env", layout == EnvLayout.Redundant ? [.. copy, .. copy] : copy, path => ConfigFor(path, layout));

        byte[] theirs = Printenv(_printenv, "-c", config);
        byte[] ours = Printenv(CliRun.Executable, "fw", "printenv", "-c", config);

        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
    }

    [Fact]
    public void Medulla_fw_printenv_of_a_name_prints_its_raw_value()
    {
        byte[] copy = Mkenvimage(Latin1Input, EnvLayout.SingleCopy);
        string config = ImageWithConfig("env", copy, path => ConfigFor(path, EnvLayout.SingleCopy));

        byte[] ours = Printenv(CliRun.Executable, "fw", "printenv", "-c", config, "owner");

        Assert.Equal(Convert.ToHexString([.. "owner=Ren"u8, 0xE9, (byte)'\n']), Convert.ToHexString(ours));
    }

    /// <summary>
    /// fw_env.config lines for a redundant pair of 0x1000-byte copies at 0 and 0x1000, in the forms BSPs
    /// write: the offset with C's automatic base, sizes always hexadecimal. <c>{0}</c> is the image.
    /// </summary>
    [Theory]
    [InlineData("{0} 0 1000\n{0} 4096 1000\n")]                       // decimal offset, unprefixed hex size
    [InlineData("{0} 0x0 0x1000\n{0} 0x1000 0x1000\n")]                // 0x everywhere
    [InlineData("{0} 0X0 0X1000\n{0} 0X1000 0X1000\n")]
    [InlineData("{0} 00 1000\n{0} 010000 1000\n")]                    // octal offset
    [InlineData("{0}\t0\t1000\t200\t8\n{0}\t0x1000\t1000\t0x200\t8\n")] // sector size and count, tabs
    [InlineData("# comment\n{0} 0 01000 # first\n\n{0} 4096 01000\n")]  // leading zero on a hex size
    public void Every_number_form_in_fw_env_config_reads_as_fw_printenv_reads_it(string template)
    {
        // given a pair whose copies differ (copy 1 is current), so a wrong offset or size shows
        byte[] copy0 = Mkenvimage("gen=0\nwhich=copy 0\n"u8.ToArray(), EnvLayout.Redundant);
        byte[] copy1 = Mkenvimage("gen=1\nwhich=copy 1\n"u8.ToArray(), EnvLayout.Redundant);
        copy1[4] = 2; // the flags byte, not covered by the CRC
        string config = ImageWithConfig("env", [.. copy0, .. copy1], path => string.Format(CultureInfo.InvariantCulture, template, path));

        byte[] theirs = Printenv(_printenv, "-c", config);
        byte[] ours = Printenv(CliRun.Executable, "fw", "printenv", "-c", config);

        Assert.Equal("gen=1\nwhich=copy 1\n", System.Text.Encoding.UTF8.GetString(theirs));
        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
    }

    [Fact]
    public void A_single_copy_with_an_unprefixed_hex_size_reads_as_fw_printenv_reads_it()
    {
        byte[] copy = Mkenvimage("a=1\n"u8.ToArray(), EnvLayout.SingleCopy);
        string config = ImageWithConfig("env", copy, path => $"{path} 0 1000\n");

        Assert.Equal(Convert.ToHexString(Printenv(_printenv, "-c", config)), Convert.ToHexString(Printenv(CliRun.Executable, "fw", "printenv", "-c", config)));
    }
}
