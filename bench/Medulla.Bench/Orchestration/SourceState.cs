using System.Diagnostics;

namespace Medulla.Bench.Orchestration;

/// <summary>The git commit the run was built from, and whether src/ had uncommitted changes.</summary>
internal sealed record SourceState(string? Commit, int ChangedFiles)
{
    internal static SourceState Read(string root)
    {
        string? commit = Git(root, "rev-parse", "--short=12", "HEAD")?.Trim();
        string? status = Git(root, "status", "--porcelain", "--", "src");
        int changed = status?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        return new SourceState(commit, changed);
    }

    internal string Describe() => Commit is null
        ? "not a git checkout"
        : ChangedFiles == 0 ? $"commit {Commit}" : $"commit {Commit} with uncommitted changes in {ChangedFiles} file(s) under src/";

    private static string? Git(string root, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using Process git = Process.Start(start)!;
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
