using Medulla.Firmware;
using Medulla.Firmware.Tests.Support;

namespace Medulla.Cli.Tests;

/// <summary>
/// <c>medulla data mount|status|reset</c> on real loop devices, each shell of commands in its own private
/// mount namespace (<c>unshare --mount --propagation private</c>): what it mounts is gone when it ends.
/// </summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-cli-data");

    private string Target => _dir.Combine("data");

    /// <summary>Runs a shell script in a private mount namespace, with <c>$M</c> the built medulla.</summary>
    private CliRun InNamespace(string script)
    {
        string unshare = ProcessRunner.Require("unshare", "util-linux");
        ProcessResult result = ProcessRunner.Run(unshare, ["--mount", "--propagation", "private", "--", "sh", "-c", $"M='{CliRun.Executable}'; set -e; {script}"]);
        return new CliRun(result.ExitCode, result.Stdout, result.Stderr);
    }

    private string Args(BlankPartition p) => $"--device {p.Device} --fstype ext4 --target '{Target}'";

    [Fact]
    public void Mount_formats_a_blank_partition_then_finds_it_mounted_and_the_data_survives()
    {
        using var partition = new BlankPartition(_dir, "p");

        CliRun first = InNamespace($"$M data mount {Args(partition)}; $M data status {Args(partition)}; echo kept > '{Target}/kept'; $M data mount {Args(partition)}");
        CliRun second = InNamespace($"$M data status {Args(partition)}; $M data mount {Args(partition)}; cat '{Target}/kept'");

        Assert.True(first.ExitCode == 0, first.Stderr);
        string where = $"{partition.Device} (ext4) on {Target}";
        Assert.Equal(3, first.StdoutLines.Length);
        Assert.StartsWith($"formatted and mounted: {where}, because: it has no usable ext4 file system", first.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal($"mounted-rw: {where}", first.StdoutLines[1]);
        Assert.Equal($"already mounted: {where}", first.StdoutLines[2]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal([$"not-mounted: {where}", $"mounted: {where}", "kept"], second.StdoutLines);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reset_erases_the_partition_mounted_or_not_and_the_next_mount_formats_it(bool mounted)
    {
        using var partition = new BlankPartition(_dir, "p");
        Assert.Equal(0, InNamespace($"$M data mount {Args(partition)}; echo gone > '{Target}/gone'").ExitCode);

        CliRun reset = InNamespace((mounted ? $"$M data mount {Args(partition)}; " : "") +
            $"$M data reset {Args(partition)}; $M data status {Args(partition)}; $M data mount {Args(partition)}; ls '{Target}'");

        Assert.True(reset.ExitCode == 0, reset.Stderr);
        string where = $"{partition.Device} (ext4) on {Target}";
        string[] lines = mounted ? reset.StdoutLines[1..] : reset.StdoutLines;
        Assert.Equal($"reset: {partition.Device} erased; the next mount formats it", lines[0]);
        Assert.Equal($"not-mounted: {where}", lines[1]);
        Assert.StartsWith($"formatted and mounted: {where}", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("gone", reset.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_device_on_the_mount_point_is_refused_with_one_line_and_left_alone()
    {
        using var configured = new BlankPartition(_dir, "configured");
        using var other = new BlankPartition(_dir, "other");

        CliRun run = InNamespace($"$M data mount --device {other.Device} --fstype ext4 --target '{Target}' >/dev/null; " +
            $"echo theirs > '{Target}/theirs'; " +
            $"if $M data mount {Args(configured)}; then exit 9; fi; if $M data reset {Args(configured)}; then exit 9; fi; cat '{Target}/theirs'");

        Assert.True(run.ExitCode == 0, $"status {run.ExitCode}: {run.Stderr}");
        Assert.Equal(["theirs"], run.StdoutLines);
        string[] errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Matches($"^medulla: cannot (mount|reset) data partition {configured.Device}: .*leaving both alone$", e));
        Assert.All(configured.Head(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_defaults_come_from_the_active_slots_metadata()
    {
        using var partition = new BlankPartition(_dir, "p");
        var image = new EnvImage(_dir, "env", EnvLayout.SingleCopy, 0x2000);
        File.WriteAllBytes(image.ImagePath, new Mkenvimage().Create(new Dictionary<string, string>
        {
            [FirmwareKeys.Active] = "b",
            ["b.nerves_fw_application_part0_devpath"] = partition.Device,
            ["b.nerves_fw_application_part0_fstype"] = "ext4",
            ["b.nerves_fw_application_part0_target"] = Target,
        }, 0x2000, redundant: false, pad: null, _dir));

        CliRun run = InNamespace($"$M data mount -c '{image.ConfigPath}'; $M data status -c '{image.ConfigPath}'");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith($"formatted and mounted: {partition.Device} (ext4) on {Target}", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal($"mounted-rw: {partition.Device} (ext4) on {Target}", run.StdoutLines[1]);
    }

    [Fact]
    public void Without_metadata_or_options_it_says_what_to_give()
    {
        CliRun run = CliRun.InProcess("data", "status", "-c", _dir.File("missing.config"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("give --device, --fstype and --target, or the firmware metadata", run.StderrLine, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
