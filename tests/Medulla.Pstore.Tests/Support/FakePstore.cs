using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace Medulla.Pstore.Tests.Support;

/// <summary>
/// A directory laid out as the kernel lays out a mounted pstore: one file per record, named
/// TYPE-BACKEND-ID, each ending with the ECC status line ramoops appends when its ecc parameter is set.
/// </summary>
internal sealed class FakePstore : IDisposable
{
    public const string NoErrors = "\nECC: No errors detected\n";

    private readonly TempDirectory _directory = new();

    public FakePstore()
    {
        Root = _directory.Combine("pstore");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The directory holding <see cref="Root"/>, free for archives and other scratch files.</summary>
    public string Scratch => _directory.Path;

    /// <summary>Adds a record: its text followed by <paramref name="ecc"/> (default: no errors; null: no ECC line).</summary>
    public string Add(string name, string text, string? ecc = NoErrors) => AddBytes(name, Encoding.UTF8.GetBytes(text + ecc));

    public string AddBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Adds a record whose name is the raw bytes <paramref name="name"/>, which need not be UTF-8 (.NET
    /// cannot make such a name, so bash does, from an ANSI-C quoted string).
    /// </summary>
    public void AddRawName(byte[] name, string text)
    {
        string quoted = string.Concat(name.Select(b => $"\\x{b:x2}"));
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardError = true };
        foreach (string arg in new[] { "-c", $"printf %s \"$1\" > $'{quoted}'", "bash", text })
        {
            start.ArgumentList.Add(arg);
        }
        using Process bash = Process.Start(start)!;
        string error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"bash could not make the file: {error}");
    }

    /// <summary>A compressed dmesg record as the kernel stores it: raw deflate, then the ECC line.</summary>
    public string AddCompressed(string name, string text, bool zlibHeader = false, string? ecc = NoErrors)
    {
        using var compressed = new MemoryStream();
        using (Stream deflate = zlibHeader
            ? new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)
            : new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(text));
        }
        return AddBytes(name, [.. compressed.ToArray(), .. Encoding.UTF8.GetBytes(ecc ?? "")]);
    }

    public string[] Names() => [.. Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public PstoreReader Reader() => new(Root, new FakeMount(mounted: true), null);

    public void Dispose() => _directory.Dispose();
}

/// <summary>A mount seam that records calls instead of mounting.</summary>
internal sealed class FakeMount(bool mounted, Exception? mountFailure = null) : IPstoreMount
{
    public bool Mounted { get; private set; } = mounted;

    public List<string> MountCalls { get; } = [];

    public bool IsMountPoint(string directory) => Mounted;

    public void Mount(string directory)
    {
        MountCalls.Add(directory);
        if (mountFailure is not null)
        {
            throw mountFailure;
        }
        Mounted = true;
    }
}

/// <summary>A clock standing still at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
