using Medulla.Firmware.Tests.Support;

namespace Medulla.Cli.Tests;

/// <summary>What one run of the command line gave.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The built `medulla` executable, copied beside the tests by the project reference.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "medulla");

    /// <summary>Runs <c>medulla ARGS</c> in this process, with nothing on stdin.</summary>
    public static CliRun InProcess(params string[] args) => InProcessWithInput("", args);

    /// <summary>Runs <c>medulla ARGS</c> in this process, reading <paramref name="stdin"/>.</summary>
    public static CliRun InProcessWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = MedullaCli.Run(args, new StringReader(stdin), stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>medulla</c> as a process, to check what a shell sees.</summary>
    public static CliRun AsProcess(params string[] args) => AsProcessWithInput(null, args);

    /// <summary>Runs the built <c>medulla</c> as a process, feeding <paramref name="stdin"/> (UTF-8) when given.</summary>
    public static CliRun AsProcessWithInput(string? stdin, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(Executable, args, stdin);
        return new CliRun(result.ExitCode, result.Stdout, result.Stderr);
    }

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The one line on stderr; fails the test when there is not exactly one.</summary>
    public string StderrLine => Assert.Single(Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A fake pstore tree (records ending with the ECC status line) and an archive directory beside it.</summary>
internal sealed class FakeTree : IDisposable
{
    public const string Ecc = "\nECC: No errors detected\n";

    private readonly TempDirectory _dir = new("medulla-cli-tests");

    public FakeTree()
    {
        Root = _dir.Combine("pstore");
        Archive = _dir.Combine("archive");
        Directory.CreateDirectory(Root);
    }

    public string Path => _dir.Path;

    public string Root { get; }

    public string Archive { get; }

    public FakeTree With(string name, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Root, name), text + Ecc);
        return this;
    }

    public string[] Records() => [.. Directory.EnumerateFiles(Root).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose() => _dir.Dispose();
}
