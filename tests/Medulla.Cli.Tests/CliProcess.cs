using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Medulla.Cli.Tests;

/// <summary>
/// The built <c>medulla</c> running as a process that does not end by itself (a monitor, a listener):
/// its stdout lines as they come, its stderr kept. Killed (by its PID) on dispose.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    /// <summary>Generous: the machine may be busy with other tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _errors = Channel.CreateUnbounded<string>();

    private CliProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Writer.TryWrite(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _errors.Writer.TryWrite(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>medulla ARGS</c>; with <paramref name="ready"/>, waits for its first stderr line and checks
    /// it contains that text (the "listening" line after which everything sent is printed).
    /// </summary>
    public static async Task<CliProcess> StartAsync(string? ready, params string[] args)
    {
        var start = new ProcessStartInfo(CliRun.Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        var cli = new CliProcess(Process.Start(start)!);
        if (ready is not null)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            string first = await cli._errors.Reader.ReadAsync(timeout.Token);
            Assert.Contains(ready, first);
        }
        return cli;
    }

    /// <summary>The next stdout line that parses as <typeparamref name="T"/> and matches, skipping others.</summary>
    public async Task<T> NextJsonAsync<T>(Func<T, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            string line = await _lines.Reader.ReadAsync(timeout.Token);
            T value = JsonSerializer.Deserialize<T>(line) ?? throw new InvalidDataException($"not JSON: {line}");
            if (wanted(value))
            {
                return value;
            }
        }
    }

    public void Dispose()
    {
        // Only the process this test started, by its PID.
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        _process.WaitForExit();
        _process.Dispose();
    }
}
