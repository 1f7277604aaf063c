using System.Diagnostics;

namespace Medulla.Devices.Tests.Support;

/// <summary>
/// A shell script standing in for modprobe: each run appends its arguments to a log, one per line, then a
/// line "--"; it exits with the given status. Nothing real is ever loaded.
/// </summary>
/// <remarks>
/// The executable is written by a <c>cp</c> child process, never through a file descriptor of the test
/// process. Tests run in parallel and start processes: a child forked by another thread while this process
/// had the script open for writing keeps a copy of that descriptor until it execs (O_CLOEXEC closes it only
/// then), and exec'ing the script in that window fails with ETXTBSY ("Text file busy"), so the autoloader's
/// run failed and the log stayed empty. The script text goes to a staging file that is never executed.
/// </remarks>
internal sealed class FakeModprobe : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-fake-modprobe");

    public FakeModprobe(int exitCode = 0)
    {
        Path = _dir.File("modprobe");
        LogPath = _dir.File("argv.log");
        string staging = _dir.File("modprobe.in");
        File.WriteAllText(staging, $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{LogPath}'; done\necho -- >> '{LogPath}'\nexit {exitCode}\n");
        CopyInChildProcess(staging, Path);
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    public string LogPath { get; }

    public string Directory => _dir.Path;

    /// <summary>The argument vectors of the runs so far.</summary>
    public List<string[]> Runs()
    {
        var runs = new List<string[]>();
        var current = new List<string>();
        foreach (string line in File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [])
        {
            if (line == "--")
            {
                runs.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        return runs;
    }

    private static void CopyInChildProcess(string source, string destination)
    {
        var start = new ProcessStartInfo("cp") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(source);
        start.ArgumentList.Add(destination);
        using Process cp = Process.Start(start)!;
        string error = cp.StandardError.ReadToEnd();
        cp.WaitForExit();
        if (cp.ExitCode != 0)
        {
            throw new IOException($"cp {source} {destination} exited with {cp.ExitCode}: {error}");
        }
    }

    public void Dispose() => _dir.Dispose();
}
