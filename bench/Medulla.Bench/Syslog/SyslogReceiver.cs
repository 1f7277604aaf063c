using System.Diagnostics;
using System.Globalization;

namespace Medulla.Bench.Syslog;

/// <summary>
/// One receiver under test: it listens on a unix datagram socket and writes each message as a line to a
/// file (the forwarding sink is what a device needs from it). The bench sends to <see cref="SocketPath"/>
/// and counts the bench's lines in <see cref="OutputFile"/>.
/// </summary>
internal abstract class SyslogReceiver : IDisposable
{
    private Process? _process;

    /// <summary>The name in the report.</summary>
    internal abstract string Name { get; }

    /// <summary>How it is set up, for the report.</summary>
    internal abstract string Description { get; }

    /// <summary>Where the senders connect; valid after <see cref="Start"/>.</summary>
    internal string SocketPath { get; private protected set; } = "";

    /// <summary>The file it writes; null for a receiver that writes nothing (the senders' own rate).</summary>
    internal string? OutputFile { get; private protected set; }

    /// <summary>The receiving process (its peak memory is measured); null when it runs inside the bench.</summary>
    internal int? Pid => _process?.Id;

    /// <summary>Starts the receiver in <paramref name="directory"/> and returns once its socket exists.</summary>
    internal abstract void Start(string directory);

    /// <summary>How many of the bench's messages reached the receiver's output so far.</summary>
    internal abstract long Delivered();

    /// <summary>Peak resident memory of the receiving process (VmHWM), or null.</summary>
    internal long? PeakResidentBytes()
    {
        if (Pid is not { } pid)
        {
            return null;
        }
        string? status = Heart.ProcFs.Read($"/proc/{pid}/status");
        string? line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private protected void Launch(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits for the receiver's socket to appear (the receiver creates it when it is ready).</summary>
    private protected void WaitForSocket(TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!Ready())
        {
            if (_process is { HasExited: true } p)
            {
                throw new InvalidOperationException($"{Name} exited with {p.ExitCode} before creating {SocketPath}");
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not create {SocketPath} within {timeout.TotalSeconds} s");
            }
            Thread.Sleep(10);
        }
    }

    /// <summary>Whether the receiver listens: by default, its socket exists.</summary>
    private protected virtual bool Ready() => File.Exists(SocketPath);

    public virtual void Dispose()
    {
        if (_process is { } p)
        {
            // Only the process this receiver started, by its PID.
            if (!p.HasExited)
            {
                p.Kill();
            }
            p.WaitForExit();
            p.Dispose();
            _process = null;
        }
    }
}
