using System.Diagnostics;

namespace Medulla.Pstore.Tests.Support;

/// <summary>A fresh directory under the system temp directory, removed with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "medulla-pstore-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

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
