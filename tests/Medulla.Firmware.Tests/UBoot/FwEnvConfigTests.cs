using Medulla.Firmware;

namespace Medulla.Firmware.Tests.UBoot;

public sealed class FwEnvConfigTests
{
    [Fact]
    public void One_line_is_a_single_copy()
    {
        FwEnvConfig config = FwEnvConfig.Parse("/dev/mmcblk0 0x100000 0x2000\n");

        Assert.Equal(EnvLayout.SingleCopy, config.Layout);
        Assert.Equal(0x2000, config.EnvSize);
        Assert.Equal(new EnvCopyLocation("/dev/mmcblk0", 0x100000, 0x2000), Assert.Single(config.Copies));
    }

    [Fact]
    public void Two_lines_are_a_redundant_pair_in_file_order()
    {
        FwEnvConfig config = FwEnvConfig.Parse("/dev/mmcblk0 0x100000 0x2000\n/dev/mmcblk0 0x102000 0x2000\n");

        Assert.Equal(EnvLayout.Redundant, config.Layout);
        Assert.Equal([0x100000L, 0x102000L], config.Copies.Select(c => c.Offset));
    }

    [Fact]
    public void Comments_blank_lines_tabs_and_CRLF_are_ignored()
    {
        string text = "# U-Boot environment\r\n\r\n   \t\n/dev/sda\t4096   2000 # first copy\r\n  # indented comment\n/dev/sda 12288 2000 200 2 # trailing\n";

        FwEnvConfig config = FwEnvConfig.Parse(text);

        Assert.Equal(2, config.Copies.Count);
        Assert.Equal(new EnvCopyLocation("/dev/sda", 12288, 0x2000, 0x200, 2), config.Copies[1]);
    }

    [Fact]
    public void A_hash_inside_a_field_belongs_to_the_field()
    {
        FwEnvConfig config = FwEnvConfig.Parse("/images/env#1.img 0 0x400\n");

        Assert.Equal("/images/env#1.img", config.Copies[0].Device);
    }

    [Theory]
    [InlineData("/dev/x 0 2000\n", 0L, 0x2000)]             // a BSP's unprefixed env size is hexadecimal
    [InlineData("/dev/x 0 0x2000\n", 0L, 0x2000)]
    [InlineData("/dev/x 0 0X2000\n", 0L, 0x2000)]
    [InlineData("/dev/x 0 1a0\n", 0L, 0x1A0)]
    [InlineData("/dev/x 8192 400\n", 8192L, 0x400)]          // an offset without a prefix is decimal
    [InlineData("/dev/x 0x2000 400\n", 0x2000L, 0x400)]
    [InlineData("/dev/x 020000 400\n", 0x2000L, 0x400)]      // an offset with a leading 0 is octal
    [InlineData("/dev/x 00 400\n", 0L, 0x400)]
    [InlineData("/dev/x -020000 400\n", -0x2000L, 0x400)]
    [InlineData("/dev/x -8192 400\n", -0x2000L, 0x400)]
    [InlineData("/dev/x -0x2000 400\n", -0x2000L, 0x400)]
    public void Numbers_are_read_as_fw_printenv_reads_them(string text, long offset, int size)
    {
        EnvCopyLocation copy = FwEnvConfig.Parse(text).Copies[0];

        Assert.Equal((offset, size), (copy.Offset, copy.Size));
    }

    [Fact]
    public void Sector_size_and_count_are_hexadecimal_with_or_without_0x()
    {
        EnvCopyLocation copy = FwEnvConfig.Parse("/dev/x 0 0x400 200 0x10\n").Copies[0];

        Assert.Equal((0x200L, 0x10L), (copy.SectorSize, copy.SectorCount));
    }

    [Theory]
    [InlineData("/dev/x\u00A00 0x400\n")]           // no-break space
    [InlineData("/dev/x 0\u2003 0x400\n")]          // em space
    [InlineData("/dev/x 0\u30000x400\n")]           // ideographic space
    public void Unicode_white_space_does_not_separate_fields(string text)
    {
        Assert.Throws<FwEnvConfigException>(() => FwEnvConfig.Parse(text));
    }

    [Fact]
    public void Spaces_tabs_and_the_other_C_white_space_separate_fields()
    {
        EnvCopyLocation copy = FwEnvConfig.Parse("/dev/x\t0\v0x400\f200 \r\n").Copies[0];

        Assert.Equal(new EnvCopyLocation("/dev/x", 0, 0x400, 0x200), copy);
    }

    [Fact]
    public void A_device_path_may_hold_Unicode_white_space()
    {
        Assert.Equal("/images/env\u00A0a.img", FwEnvConfig.Parse("/images/env\u00A0a.img 0 0x400\n").Copies[0].Device);
    }

    [Fact]
    public void A_negative_offset_counts_from_the_end()
    {
        FwEnvConfig config = FwEnvConfig.Parse("/dev/x -0x4000 0x2000\n/dev/x -8192 0x2000\n");

        Assert.Equal([-0x4000L, -0x2000L], config.Copies.Select(c => c.Offset));
    }

    [Theory]
    [InlineData("/dev/x 0 0x\n", 1, "env size '0x' is not a number")]
    [InlineData("# c\n\n/dev/x 0 0x2000\n/dev/x zz 0x2000\n", 4, "offset 'zz' is not a number")]
    [InlineData("/dev/x 0 -0x2000\n", 1, "env size '-0x2000' must not be negative")]
    [InlineData("/dev/x 0 0\n", 1, "env size '0' must be greater than 0")]
    [InlineData("/dev/x 0 0x80000000\n", 1, "env size '0x80000000' is too large: at most 0x4000000 bytes (64 MiB)")]
    [InlineData("/dev/x 0 0x7ffffff0\n", 1, "env size '0x7ffffff0' is too large: at most 0x4000000 bytes (64 MiB)")]
    [InlineData("/dev/x 0 4000001\n", 1, "env size '4000001' is too large: at most 0x4000000 bytes (64 MiB)")]
    [InlineData("/dev/x 08 0x400\n", 1, "offset '08' is not a number (a leading 0 makes it octal)")]
    [InlineData("/dev/x 0 0x400 0x200 zz\n", 1, "sector count 'zz' is not a number")]
    [InlineData("/dev/x 99999999999999999999 0x2000\n", 1, "offset '99999999999999999999' is out of range")]
    [InlineData("/dev/x 0x2000\n", 1, "expected '<device> <offset> <env size> [sector size] [sector count]', found 2 fields")]
    [InlineData("/dev/x 0 0x2000 1 2 3\n", 1, "expected '<device> <offset> <env size> [sector size] [sector count]', found 6 fields")]
    [InlineData("/dev/x 0 0x2000 0x1g\n", 1, "sector size '0x1g' is not a number")]
    [InlineData("/dev/x 0 0x2000\n/dev/x 0x2000 0x4000\n", 2, "env size '0x4000' differs from the first copy's 0x2000; both copies must have the same size")]
    [InlineData("/dev/x 0 0x2000\n/dev/x 0x2000 0x2000\n/dev/x 0x4000 0x2000\n", 3, "a third environment location; at most two (a redundant pair) are allowed")]
    [InlineData("/dev/x 0 4\n", 1, "env size 0x4 is too small: the single layout needs at least 5 bytes")]
    [InlineData("/dev/x 0 5\n/dev/x 5 5\n", 1, "env size 0x5 is too small: the redundant layout needs at least 6 bytes")]
    public void Errors_name_the_line_and_what_is_wrong(string text, int line, string reason)
    {
        var error = Assert.Throws<FwEnvConfigException>(() => FwEnvConfig.Parse(text));

        Assert.Equal(line, error.LineNumber);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"fw_env.config:{line}: {reason}", error.Message);
    }

    [Fact]
    public void An_empty_file_is_an_error_for_the_whole_file()
    {
        var error = Assert.Throws<FwEnvConfigException>(() => FwEnvConfig.Parse("# nothing here\n\n", "/etc/fw_env.config"));

        Assert.Equal(0, error.LineNumber);
        Assert.Equal("/etc/fw_env.config: no environment location: expected one line (a single copy) or two (a redundant pair)", error.Message);
    }

    [Fact]
    public void Load_names_the_file_in_errors()
    {
        using var dir = new TempDirectory();
        string path = dir.File("fw_env.config");
        File.WriteAllText(path, "/dev/x 0 0x\n");

        var error = Assert.Throws<FwEnvConfigException>(() => FwEnvConfig.Load(path));

        Assert.StartsWith($"{path}:1: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToConfigText_round_trips_and_writes_hexadecimal()
    {
        FwEnvConfig config = FwEnvConfig.Parse("/dev/x -8192 2000 200 4\n/dev/y 0 2000\n");

        string text = config.ToConfigText();

        Assert.Equal("/dev/x -0x2000 0x2000 0x200 0x4\n/dev/y 0x0 0x2000\n", text);
        Assert.Equal(config.Copies, FwEnvConfig.Parse(text).Copies);
    }
}
