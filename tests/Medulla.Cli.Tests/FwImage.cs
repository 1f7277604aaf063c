using Medulla.Firmware.Tests.Support;
using Medulla.Firmware;

namespace Medulla.Cli.Tests;

/// <summary>
/// An environment image with its fw_env.config in a temporary directory (never a device): for the
/// redundant layout both copies hold the variables with flags 1, as a pair made by <c>mkenvimage -r</c>.
/// </summary>
internal sealed class FwImage : IDisposable
{
    private readonly TempDirectory _dir = new();

    public FwImage(IEnumerable<KeyValuePair<string, string>> variables, EnvLayout layout = EnvLayout.Redundant, int envSize = 0x1000)
    {
        Image = new EnvImage(_dir, "env", layout, envSize);
        byte[] copy = UBootEnvCodec.Encode(variables, layout, envSize, flags: 1);
        File.WriteAllBytes(Image.ImagePath, layout == EnvLayout.Redundant ? [.. copy, .. copy] : copy);
    }

    public EnvImage Image { get; }

    /// <summary>The fw_env.config to give with -c.</summary>
    public string Config => Image.ConfigPath;

    /// <summary>The variables as the library reads them now.</summary>
    public IReadOnlyDictionary<string, string> Variables => Image.Environment().Read().Variables;

    public byte[] Bytes => File.ReadAllBytes(Image.ImagePath);

    /// <summary>A file in the same temporary directory.</summary>
    public string PathOf(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}
