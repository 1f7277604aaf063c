using Medulla.Firmware;
using Medulla.Runtime;

namespace Medulla.Cli.Tests;

public class SerialCommandTests
{
    [Fact]
    public void The_environments_serial_number_is_printed_alone_on_its_line()
    {
        using var image = new FwImage([KeyValuePair.Create("nerves_serial_number", "MED-0042"), KeyValuePair.Create("a.nerves_fw_version", "1.0")]);

        CliRun run = CliRun.AsProcess("serial", "-c", image.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("MED-0042\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Without_the_variable_the_next_source_answers()
    {
        using var image = new FwImage([KeyValuePair.Create("a.nerves_fw_version", "1.0")]);
        // The same sources after the environment, read by the library from the real root.
        string expected = new SerialNumber(new SerialOptions { Sources = "device-tree, dmi, machine-id" }).Read();

        CliRun run = CliRun.InProcess("serial", "-c", image.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected + "\n", run.Stdout);
    }

    [Fact]
    public void A_missing_fw_env_config_is_not_an_error()
    {
        using var dir = new TempDirectory();
        string expected = new SerialNumber(new SerialOptions { Sources = "device-tree, dmi, machine-id" }).Read();

        CliRun run = CliRun.InProcess("serial", "-c", dir.File("fw_env.config"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected + "\n", run.Stdout);
    }

    [Fact]
    public void A_broken_fw_env_config_is_one_line_on_stderr()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("fw_env.config"), "/dev/nothing zero\n");

        CliRun run = CliRun.InProcess("serial", "-c", dir.File("fw_env.config"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("medulla: ", run.StderrLine);
        Assert.Equal("", run.Stdout);
    }
}
