using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Medulla.SystemTests;

/// <summary>
/// Drives an interactive box (<c>box/box shell</c>) through pipes instead of a terminal: what the test
/// writes is typed on the guest's serial console, and every console line is read back in order.
/// </summary>
internal sealed class BoxConsole : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder transcript = new();
    private readonly Lock transcriptGate = new();
    private int openStreams = 2;

    private BoxConsole(Process process)
    {
        this.process = process;
    }

    /// <summary>Everything the box printed so far (for failure messages).</summary>
    public string Transcript
    {
        get
        {
            lock (transcriptGate)
            {
                return transcript.ToString();
            }
        }
    }

    /// <summary>Starts <c>box/box</c> with <paramref name="arguments"/>, its standard input open for typing.</summary>
    public static BoxConsole Start(string repo, params string[] arguments)
    {
        var process = BoxRun.StartBox(repo, arguments);
        var console = new BoxConsole(process);
        process.OutputDataReceived += console.Collect;
        process.ErrorDataReceived += console.Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return console;
    }

    /// <summary>Types <paramref name="command"/> and Enter on the console.</summary>
    public async Task Type(string command)
    {
        await process.StandardInput.WriteAsync(command + "\n");
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Reads console lines until one matches; fails the test with the transcript after <paramref name="limit"/>.</summary>
    public async Task<string> ReadUntil(Func<string, bool> match, TimeSpan limit, string what)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                string line = await lines.Reader.ReadAsync(cts.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no console line {what} within {limit}:\n{Transcript}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"the box stopped before a console line {what}:\n{Transcript}");
        }
    }

    /// <summary>
    /// Types <paramref name="command"/> until a line matches, once per <paramref name="every"/>: input that
    /// arrives before the guest's shell reads its terminal may be lost, so the first command is retried.
    /// The command must be harmless to repeat.
    /// </summary>
    public async Task<string> TypeUntilAnswered(string command, Func<string, bool> match, TimeSpan every, TimeSpan limit, string what)
    {
        DateTime end = DateTime.UtcNow + limit;
        while (true)
        {
            await Type(command);
            try
            {
                return await ReadUntil(match, every, what);
            }
            catch (TimeoutException) when (DateTime.UtcNow < end)
            {
            }
        }
    }

    /// <summary>Waits for the box to stop; returns the exit status of <c>box/box</c>.</summary>
    public async Task<int> WaitForExit(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            if (Interlocked.Decrement(ref openStreams) == 0)
            {
                lines.Writer.TryComplete();
            }
            return;
        }
        string line = e.Data.TrimEnd('\r');
        lock (transcriptGate)
        {
            transcript.Append(line).Append('\n');
        }
        lines.Writer.TryWrite(line);
    }
}
