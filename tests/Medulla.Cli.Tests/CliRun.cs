using System.Diagnostics;

namespace Medulla.Cli.Tests;

/// <summary>What one run of the command line gave.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <c>medulla ARGS</c> in this process.</summary>
    public static CliRun InProcess(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = MedullaCli.Run(args, TextReader.Null, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>medulla</c> as a process, to check what a shell sees.</summary>
    public static CliRun AsProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "medulla"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "medulla did not exit within a minute");
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A fake pstore tree (records ending with the ECC status line) and an archive directory beside it.</summary>
internal sealed class FakeTree : IDisposable
{
    public const string Ecc = "\nECC: No errors detected\n";

    public FakeTree()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "medulla-cli-tests-" + Guid.NewGuid().ToString("N"));
        Root = System.IO.Path.Combine(Path, "pstore");
        Archive = System.IO.Path.Combine(Path, "archive");
        Directory.CreateDirectory(Root);
    }

    public string Path { get; }

    public string Root { get; }

    public string Archive { get; }

    public FakeTree With(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Root, name), text + Ecc);
        return this;
    }

    public string[] Records() => [.. Directory.EnumerateFiles(Root).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
