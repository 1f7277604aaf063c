using Medulla.Firmware;

namespace Medulla.Linux.Tests;

/// <summary>
/// The U-Boot environment, redundant pair, on a real block device (/dev/loopN over an image file), read
/// and written by Medulla and by libubootenv's fw_printenv/fw_setenv through the same fw_env.config.
/// </summary>
public sealed class UBootEnvironmentOnLoopDeviceTests : IDisposable
{
    private const int EnvSize = 0x2000;

    private readonly TempDirectory _dir = new("medulla-linux-tests");
    private readonly LoopDevice _loop;
    private readonly string _configPath;
    private readonly UBootEnvironment _env;

    public UBootEnvironmentOnLoopDeviceTests()
    {
        string image = _dir.File("mmc.img");
        using (FileStream file = File.Create(image))
        {
            file.SetLength(1024 * 1024);
        }
        try
        {
            _loop = LoopDevice.Attach(image);
        }
        catch
        {
            _dir.Dispose();
            throw;
        }
        // Two copies at fixed places on the device, as on an eMMC: hexadecimal as fw_printenv reads them.
        string config = $"{_loop.Path} 0x10000 0x2000\n{_loop.Path} 0x20000 0x2000\n";
        _configPath = _dir.File("fw_env.config");
        File.WriteAllText(_configPath, config);
        _env = new UBootEnvironment(FwEnvConfig.Parse(config, _configPath), lockPath: null);
    }

    public void Dispose()
    {
        try
        {
            _loop.Dispose();
        }
        finally
        {
            _dir.Dispose();
        }
    }

    [Fact]
    public void An_environment_written_to_the_device_reads_back_and_fw_printenv_agrees()
    {
        // given a first-time setup and one update, on the device
        _env.Replace([new("bootcmd", "run boot_a"), new("nerves_fw_active", "a")]);
        UBootEnvSnapshot updated = _env.Update(new Dictionary<string, string?> { ["nerves_fw_active"] = "b", ["bootcount"] = "0" });

        // then both copies are valid and the newer one is current
        Assert.True(updated.Written);
        Assert.All(updated.Copies, c => Assert.Equal(EnvCopyState.Valid, c.State));
        var expected = new Dictionary<string, string> { ["bootcmd"] = "run boot_a", ["bootcount"] = "0", ["nerves_fw_active"] = "b" };
        Assert.Equal(expected, _env.Read().Variables);

        // and fw_printenv, reading the same device, prints the same variables
        Assert.Equal(expected, FwPrintenv());
    }

    [Fact]
    public void What_fw_setenv_writes_to_the_device_is_what_Medulla_reads()
    {
        // given an environment of ours, then a change by fw_setenv into the other copy
        _env.Replace([new("a", "1")]);
        int before = _env.Read().CurrentCopy;
        string fwSetenv = ProcessRunner.Require("fw_setenv", "libubootenv-tool");
        ProcessRunner.Run(fwSetenv, ["-c", _configPath, "b", "two words"]).EnsureSuccess();

        // then we read its change, from the copy that was not current
        UBootEnvSnapshot snapshot = _env.Read();
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "two words" }, snapshot.Variables);
        Assert.NotEqual(before, snapshot.CurrentCopy);
    }

    [Fact]
    public void A_corrupted_copy_on_the_device_falls_back_to_the_other_and_the_next_write_replaces_it()
    {
        // given two writes, so both copies hold an environment, then the current one corrupted on the device
        _env.Replace([new("v", "1")]);
        _env.Update(new Dictionary<string, string?> { ["v"] = "2" });
        UBootEnvSnapshot current = _env.Read();
        long offset = current.CurrentCopy == 0 ? 0x10000 : 0x20000;
        using (var handle = BlockFile.Open(_loop.Path, writable: true))
        {
            BlockFile.WriteAt(handle, offset + 100, "garbage"u8, _loop.Path);
            BlockFile.Sync(handle, _loop.Path);
            BlockFile.DropCache(handle, offset, EnvSize);
        }

        // then the older copy is read, with a warning
        UBootEnvSnapshot fallback = _env.Read();
        Assert.Equal("1", fallback.Variables["v"]);
        Assert.Contains(fallback.Warnings, w => w.Contains("CRC mismatch", StringComparison.Ordinal));

        // and a write goes into the corrupt copy, leaving both valid
        UBootEnvSnapshot repaired = _env.Update(new Dictionary<string, string?> { ["v"] = "3" });
        Assert.Equal(current.CurrentCopy, repaired.CurrentCopy);
        Assert.All(repaired.Copies, c => Assert.Equal(EnvCopyState.Valid, c.State));
        Assert.Equal("3", FwPrintenv()["v"]);
    }

    private Dictionary<string, string> FwPrintenv()
    {
        string fwPrintenv = ProcessRunner.Require("fw_printenv", "libubootenv-tool");
        ProcessResult result = ProcessRunner.Run(fwPrintenv, ["-c", _configPath]).EnsureSuccess();
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }
}
