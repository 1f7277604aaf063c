namespace Medulla.Devices.Tests.Support;

/// <summary>
/// A shell script standing in for modprobe: each run appends its arguments to a log, one per line, then a
/// line "--"; it exits with the given status. Nothing real is ever loaded.
/// </summary>
/// <remarks>Written with <see cref="Executables.WriteScript"/> (why: see there).</remarks>
internal sealed class FakeModprobe : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-fake-modprobe");

    public FakeModprobe(int exitCode = 0)
    {
        Path = _dir.File("modprobe");
        LogPath = _dir.File("argv.log");
        Executables.WriteScript(Path, $"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{LogPath}'; done\necho -- >> '{LogPath}'\nexit {exitCode}\n");
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

    public void Dispose() => _dir.Dispose();
}
