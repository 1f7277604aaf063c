using System.Globalization;
using System.Text;
using Medulla.Firmware;

namespace Medulla.Firmware.Tests.Support;

/// <summary>
/// A program that prints and sets the environment through a fw_env.config: libubootenv's
/// fw_printenv/fw_setenv here, `medulla fw printenv/setenv` in Medulla.Cli.Tests (which compiles these
/// helpers in too).
/// </summary>
public interface IEnvTool
{
    string Name { get; }

    /// <summary>Every variable, in the order the tool prints them.</summary>
    IReadOnlyList<KeyValuePair<string, string>> PrintEnv(string configPath);

    /// <summary>Applies the changes (null deletes) in one call, so one environment write.</summary>
    void SetEnv(string configPath, IReadOnlyDictionary<string, string?> changes);
}

/// <summary>libubootenv's fw_printenv and fw_setenv (Debian package libubootenv-tool).</summary>
public sealed class LibubootenvTool : IEnvTool
{
    private readonly string _printenv = ProcessRunner.Require("fw_printenv", "libubootenv-tool");
    private readonly string _setenv = ProcessRunner.Require("fw_setenv", "libubootenv-tool");
    private readonly TempDirectory _scratch;

    public LibubootenvTool(TempDirectory scratch) => _scratch = scratch;

    public string Name => "libubootenv";

    public IReadOnlyList<KeyValuePair<string, string>> PrintEnv(string configPath)
    {
        ProcessResult result = ProcessRunner.Run(_printenv, ["-c", configPath]).EnsureSuccess();
        return PrintenvOutput.Parse(result.Stdout);
    }

    /// <summary>
    /// Uses a script (-s): one <c>name=value</c> line per change, an empty value deleting. All changes are
    /// stored by one write; values must be single lines without a trailing CR and names must not start
    /// with '#' (the script's comment marker).
    /// </summary>
    public void SetEnv(string configPath, IReadOnlyDictionary<string, string?> changes)
    {
        string script = _scratch.File("fw_setenv-" + Guid.NewGuid().ToString("N") + ".txt");
        var text = new StringBuilder();
        foreach (KeyValuePair<string, string?> change in changes)
        {
            if (change.Value == "")
            {
                throw new ArgumentException("fw_setenv -s cannot set an empty value (an empty value deletes)");
            }
            text.Append(change.Key).Append('=').Append(change.Value).Append('\n');
        }
        File.WriteAllText(script, text.ToString(), new UTF8Encoding(false));
        ProcessRunner.Run(_setenv, ["-c", configPath, "-s", script]).EnsureSuccess();
        File.Delete(script);
    }
}

/// <summary>What fw_printenv (and `medulla fw printenv`) print.</summary>
public static class PrintenvOutput
{
    /// <summary><c>name=value</c> lines; the name ends at the first '='.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string output)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (string line in output.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"printenv printed a line without a name: '{line}'");
            pairs.Add(new KeyValuePair<string, string>(line[..equals], line[(equals + 1)..]));
        }
        return pairs;
    }
}

/// <summary>mkenvimage (Debian package u-boot-tools): builds an image from <c>name=value</c> lines.</summary>
public sealed class Mkenvimage
{
    private readonly string _program = ProcessRunner.Require("mkenvimage", "u-boot-tools");

    /// <summary>Builds an image of <paramref name="size"/> bytes; <paramref name="pad"/> null keeps mkenvimage's default (0xff).</summary>
    public byte[] Create(IEnumerable<KeyValuePair<string, string>> variables, int size, bool redundant, byte? pad, TempDirectory scratch)
    {
        string input = scratch.File("mkenvimage-in-" + Guid.NewGuid().ToString("N"));
        string output = input + ".img";
        File.WriteAllText(input, string.Concat(variables.Select(v => $"{v.Key}={v.Value}\n")), new UTF8Encoding(false));
        var arguments = new List<string> { "-s", "0x" + size.ToString("x", CultureInfo.InvariantCulture) };
        if (redundant)
        {
            arguments.Add("-r");
        }
        if (pad is byte p)
        {
            arguments.AddRange(["-p", "0x" + p.ToString("x2", CultureInfo.InvariantCulture)]);
        }
        arguments.AddRange(["-o", output, input]);
        ProcessRunner.Run(_program, arguments).EnsureSuccess();
        byte[] image = File.ReadAllBytes(output);
        File.Delete(input);
        File.Delete(output);
        return image;
    }
}

/// <summary>An image file with its fw_env.config, as the reference tools and our code both read them.</summary>
public sealed class EnvImage
{
    public EnvImage(TempDirectory directory, string name, EnvLayout layout, int envSize)
    {
        ImagePath = directory.File(name + ".img");
        ConfigPath = directory.File(name + ".config");
        Config = FwEnvConfig.ForImage(ImagePath, layout, envSize);
        File.WriteAllText(ConfigPath, Config.ToConfigText());
    }

    public string ImagePath { get; }

    public string ConfigPath { get; }

    public FwEnvConfig Config { get; }

    /// <summary>Our environment over the image, without the shared lock file.</summary>
    public UBootEnvironment Environment() => new(Config, lockPath: null);
}
