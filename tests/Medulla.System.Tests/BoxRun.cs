using System.Diagnostics;
using System.Text;

namespace Medulla.SystemTests;

/// <summary>What one run of <c>box/box</c> printed and how it ended.</summary>
internal sealed record BoxRun(int ExitCode, string Output)
{
    /// <summary>The lines the guest's scenario printed with <c>check</c>.</summary>
    public IReadOnlyList<string> Checks => [.. Lines.Where(l => l.StartsWith("CHECK ", StringComparison.Ordinal))];

    public IEnumerable<string> Lines => Output.Split('\n').Select(l => l.TrimEnd('\r'));

    /// <summary>Runs the box script with <paramref name="arguments"/>, bounded by <paramref name="limit"/>.</summary>
    public static async Task<BoxRun> Start(string repo, TimeSpan limit, params string[] arguments)
    {
        using var process = StartBox(repo, arguments);
        process.StandardInput.Close();
        var output = new StringBuilder();
        var gate = new Lock();
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (gate)
            {
                return new BoxRun(-1, output + $"\n(box/box {string.Join(' ', arguments)} killed after {limit})");
            }
        }
        lock (gate)
        {
            return new BoxRun(process.ExitCode, output.ToString());
        }
    }

    /// <summary>Starts <c>box/box</c> with <paramref name="arguments"/>, all three standard streams redirected.</summary>
    internal static Process StartBox(string repo, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = repo,
        };
        info.ArgumentList.Add(Path.Combine(repo, "box", "box"));
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
    }
}
