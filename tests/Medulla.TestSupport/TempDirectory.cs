using System.Diagnostics;

namespace Medulla.TestSupport;

/// <summary>A fresh directory under the system temp directory, removed with everything in it. Tests never touch a real device.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <param name="prefix">Starts the directory's name, so a leftover one says which tests made it.</param>
    public TempDirectory(string prefix = "medulla-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The path of <paramref name="parts"/> joined inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The paths of everything in the directory, relative to it and sorted.</summary>
    public string[] Names() =>
        [.. Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Path, p)).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // .NET cannot delete files whose names are not UTF-8 (it decodes them lossily); rm works on bytes.
            using Process rm = Process.Start("rm", ["-rf", "--", Path]);
            rm.WaitForExit();
        }
    }
}
