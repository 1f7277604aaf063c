using Medulla.Firmware;

namespace Medulla.Cli.Tests;

/// <summary><c>medulla fw printenv</c> and <c>medulla fw setenv</c>, in process, on image files.</summary>
public class FirmwareEnvCommandTests
{
    private static readonly Dictionary<string, string> Sample = new(StringComparer.Ordinal)
    {
        ["z"] = "last",
        ["a"] = "1",
        ["é"] = "accent",
        ["B"] = "upper",
        ["_x"] = "under score",
        ["bootargs"] = "console=ttyS0 root=/dev/mmcblk0p2",
    };

    [Theory]
    [InlineData(EnvLayout.SingleCopy)]
    [InlineData(EnvLayout.Redundant)]
    public void Printenv_prints_every_variable_as_name_value_in_strcmp_order(EnvLayout layout)
    {
        using var image = new FwImage(Sample, layout);

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(["B=upper", "_x=under score", "a=1", "bootargs=console=ttyS0 root=/dev/mmcblk0p2", "z=last", "é=accent"], run.StdoutLines);
    }

    [Fact]
    public void An_env_size_near_2_GiB_is_refused_with_one_line_not_an_out_of_memory_abort()
    {
        using var image = new FwImage(Sample, EnvLayout.SingleCopy);
        File.WriteAllText(image.Config, $"{image.Image.ImagePath} 0 0x7ffffff0\n");

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"medulla: {image.Config}:1: env size '0x7ffffff0' is too large: at most 0x4000000 bytes (64 MiB)", run.StderrLine);
    }

    [Fact]
    public void Printenv_of_names_prints_them_in_the_order_given()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config, "z", "a", "é");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(["z=last", "a=1", "é=accent"], run.StdoutLines);
    }

    [Fact]
    public void Printenv_of_a_missing_name_prints_the_others_and_fails_naming_it()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config, "a", "nope", "z");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["a=1", "z=last"], run.StdoutLines);
        Assert.Equal("medulla: no variable 'nope' in the environment\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("printenv", "--confg")]
    [InlineData("printenv", "-x")]
    [InlineData("setenv", "--scirpt")]
    public void A_mistyped_option_is_a_usage_error_not_a_variable_name(string command, string typo)
    {
        using var image = new FwImage(Sample);
        byte[] before = image.Bytes;

        CliRun run = CliRun.InProcess("fw", command, "-c", image.Config, typo);

        Assert.Equal((2, ""), (run.ExitCode, run.Stdout));
        Assert.Equal($"medulla: unknown option '{typo}' (a variable whose name starts with '-' goes after '--')\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(before, image.Bytes);
    }

    [Fact]
    public void A_name_starting_with_a_dash_works_after_double_dash()
    {
        using var image = new FwImage(Sample);

        CliRun set = CliRun.InProcess("fw", "setenv", "-c", image.Config, "--", "-odd", "-1");
        CliRun print = CliRun.InProcess("fw", "printenv", "-c", image.Config, "--", "-odd");

        Assert.Equal((0, ""), (set.ExitCode, set.Stderr));
        Assert.Equal((0, "-odd=-1\n"), (print.ExitCode, print.Stdout.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void Printenv_of_several_missing_names_fails_in_one_line_naming_them_all()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config, "x", "y");

        Assert.Equal((1, ""), (run.ExitCode, run.Stdout));
        Assert.Equal("medulla: no variables 'x', 'y' in the environment\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Printenv_reads_the_valid_copy_and_warns_about_the_corrupt_one()
    {
        using var image = new FwImage(Sample);
        byte[] bytes = image.Bytes;
        bytes[0x1000 + 100] ^= 0xff;
        File.WriteAllBytes(image.Image.ImagePath, bytes);

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config, "a");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a=1"], run.StdoutLines);
        Assert.StartsWith($"medulla: warning: copy 2 ({image.Image.ImagePath} at 0x1000) is not usable: CRC mismatch", run.StderrLine);
    }

    [Fact]
    public void Printenv_without_a_valid_copy_fails_in_one_line()
    {
        using var image = new FwImage(Sample);
        File.WriteAllBytes(image.Image.ImagePath, new byte[0x2000]);

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config);

        Assert.Equal((1, ""), (run.ExitCode, run.Stdout));
        Assert.StartsWith("medulla: neither environment copy is valid: copy 1 (", run.StderrLine);
        Assert.Contains("blank (all 0x00 or all 0xff: never written or erased)", run.StderrLine);
    }

    [Fact]
    public void A_config_error_names_the_file_and_line()
    {
        using var image = new FwImage(Sample);
        File.WriteAllText(image.Config, $"# env\n{image.Image.ImagePath} 0 0x1000\n{image.Image.ImagePath} 0x1000 0x2000\n");

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", image.Config);

        Assert.Equal(
            (1, "", $"medulla: {image.Config}:3: env size '0x2000' differs from the first copy's 0x1000; both copies must have the same size\n"),
            (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void A_missing_config_says_which_and_how_to_name_another()
    {
        using var image = new FwImage(Sample);
        string missing = image.PathOf("none.config");

        CliRun run = CliRun.InProcess("fw", "printenv", "-c", missing);

        Assert.Equal(
            (1, "", $"medulla: {missing}: no such file; it should say where the U-Boot environment is (name another with -c CONFIG)\n"),
            (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void The_config_option_may_also_come_before_the_command()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "--config", image.Config, "printenv", "a");

        Assert.Equal((0, "a=1\n", ""), (run.ExitCode, run.Stdout.ReplaceLineEndings("\n"), run.Stderr));
    }

    [Fact]
    public void Setenv_sets_a_variable_in_one_write_to_the_copy_that_is_not_current()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "a", "two words");

        Assert.Equal((0, "", ""), (run.ExitCode, run.Stdout, run.Stderr));
        Assert.Equal("two words", image.Variables["a"]);
        byte[] bytes = image.Bytes;
        Assert.Equal((1, 2), (bytes[4], bytes[0x1000 + 4]));
    }

    [Fact]
    public void Setenv_without_a_value_deletes_the_variable()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "a");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.False(image.Variables.ContainsKey("a"));
        Assert.Equal(Sample.Count - 1, image.Variables.Count);
    }

    [Fact]
    public void Setenv_with_an_empty_value_sets_an_empty_value_as_fw_setenv_does()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "a", "");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", image.Variables["a"]);
    }

    [Theory]
    [InlineData("-s")]
    [InlineData("--help")]
    [InlineData("@file")]
    [InlineData("-1")]
    public void Setenv_takes_a_value_that_looks_like_an_option_or_a_response_file_after_double_dash(string value)
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "--", "a", value);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(value, image.Variables["a"]);
    }

    [Fact]
    public void Setenv_script_applies_every_change_in_one_write()
    {
        using var image = new FwImage(Sample);
        string script = image.PathOf("changes.txt");
        File.WriteAllText(script, "# new release\nbootargs console=ttyS1 quiet\nnew=value with = sign\na=\nz\n");

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "-s", script);

        Assert.Equal((0, "", ""), (run.ExitCode, run.Stdout, run.Stderr));
        var expected = new Dictionary<string, string>(Sample, StringComparer.Ordinal)
        {
            ["bootargs"] = "console=ttyS1 quiet",
            ["new"] = "value with = sign",
        };
        expected.Remove("a");
        expected.Remove("z");
        Assert.Equal(expected, image.Variables);
        Assert.Equal(2, image.Bytes[0x1000 + 4]);
    }

    [Fact]
    public void Setenv_script_dash_reads_stdin()
    {
        using var image = new FwImage(Sample);

        CliRun run = CliRun.InProcessWithInput("a=from stdin\nb 2\n", "fw", "setenv", "-c", image.Config, "-s", "-");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(("from stdin", "2"), (image.Variables["a"], image.Variables["b"]));
    }

    [Fact]
    public void Setenv_script_with_a_bad_line_writes_nothing_and_names_the_line()
    {
        using var image = new FwImage(Sample);
        byte[] before = image.Bytes;

        CliRun run = CliRun.InProcessWithInput("a=2\n=orphan value\n", "fw", "setenv", "-c", image.Config, "-s", "-");

        Assert.Equal((1, "", "medulla: stdin:2: a variable name is empty\n"), (run.ExitCode, run.Stdout, run.Stderr.ReplaceLineEndings("\n")));
        Assert.Equal(before, image.Bytes);
    }

    [Fact]
    public void Setenv_of_a_missing_script_fails_naming_it()
    {
        using var image = new FwImage(Sample);
        string missing = image.PathOf("none.txt");

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "-s", missing);

        Assert.Equal((1, $"medulla: {missing}: no such file (the script given with -s)\n"), (run.ExitCode, run.Stderr.ReplaceLineEndings("\n")));
    }

    [Fact]
    public void Setenv_of_a_name_with_an_equals_sign_fails_and_writes_nothing()
    {
        using var image = new FwImage(Sample);
        byte[] before = image.Bytes;

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "a=b", "1");

        Assert.Equal((1, "medulla: variable name 'a=b' contains '='\n"), (run.ExitCode, run.Stderr.ReplaceLineEndings("\n")));
        Assert.Equal(before, image.Bytes);
    }

    [Fact]
    public void Setenv_that_does_not_fit_fails_with_the_sizes_and_writes_nothing()
    {
        using var image = new FwImage(Sample, EnvLayout.SingleCopy, 0x100);
        byte[] before = image.Bytes;

        CliRun run = CliRun.InProcess("fw", "setenv", "-c", image.Config, "big", new string('x', 300));

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^medulla: the variables need \d+ bytes but an environment of 256 bytes holds 252 after its 4-byte header\n$", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(before, image.Bytes);
    }

    [Theory]
    [InlineData("fw", "setenv", "-c", "/tmp/none")]
    [InlineData("fw", "setenv", "-c", "/tmp/none", "-s", "-", "a")]
    [InlineData("fw", "setenv", "-c", "/tmp/none", "a", "b", "c")]
    [InlineData("fw", "validate", "--frobnicate")]
    [InlineData("fw", "status", "extra")]
    [InlineData("fw", "-c")]
    [InlineData("fw")]
    public void Usage_errors_exit_2_with_one_line_on_stderr(params string[] args)
    {
        CliRun run = CliRun.InProcess(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("medulla: ", run.StderrLine);
    }
}
