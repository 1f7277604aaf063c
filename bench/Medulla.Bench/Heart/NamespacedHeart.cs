using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Medulla.Bench.Heart;

/// <summary>
/// One heart program running as the init of a new PID namespace, with a <c>sleep infinity</c> beside it as
/// the app it guards, and its stdin and stdout as pipes to the bench:
/// <c>unshare --pid --fork --mount-proc --kill-child -- sh -c 'sleep infinity &amp; exec HEART -pid $! -ht 60'</c>.
/// medulla-heart calls reboot(2) when the beats stop or its pipe closes; in its own PID namespace that only
/// ends the namespace. The sleep's PID is the namespace's, which is what the heart would signal.
/// </summary>
internal sealed class NamespacedHeart : IDisposable
{
    /// <summary>sh execs the heart, so the heart is unshare's direct child; the sleep does not hold the pipes.</summary>
    private const string Script = "sleep infinity </dev/null >/dev/null 2>&1 & exec \"$0\" -pid \"$!\" -ht \"$1\"";

    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    private readonly Process _unshare;
    private readonly Stream _stdin;
    private readonly Lock _writing = new();
    private readonly BlockingCollection<(byte Op, byte[] Body)> _frames = [];
    private readonly ConcurrentQueue<string> _log = new();
    private bool _disposed;

    private NamespacedHeart(HeartProgram program, Process unshare)
    {
        Program = program;
        _unshare = unshare;
        _stdin = unshare.StandardInput.BaseStream;
        Stream stdout = unshare.StandardOutput.BaseStream;
        // A thread of its own, not the pool: frames are read even while the bench sleeps or samples.
        new Thread(() => ReadFrames(stdout)) { IsBackground = true, Name = $"{program.Name} stdout" }.Start();
        unshare.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _log.Enqueue(line);
            }
        };
        unshare.BeginErrorReadLine();
    }

    internal HeartProgram Program { get; }

    /// <summary>The heart's PID as this (the host's) namespace sees it: the process that is measured.</summary>
    internal int Pid { get; private set; }

    /// <summary>The guarded <c>sleep infinity</c>, host PID.</summary>
    internal int AppPid { get; private set; }

    /// <summary>The heart's PID namespace, checked to differ from the bench's.</summary>
    internal string Namespace { get; private set; } = "";

    /// <summary>What the heart wrote to stderr.</summary>
    internal IReadOnlyCollection<string> LogLines => _log;

    /// <summary>Starts the heart, waits for its ACK, finds its host PID and checks its namespace.</summary>
    internal static NamespacedHeart Start(HeartProgram program, int heartbeatTimeoutSeconds)
    {
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--pid", "--fork", "--mount-proc", "--kill-child", "--", "/bin/sh", "-c", Script, program.Path })
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add(heartbeatTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        // Only what the program is given: the bench's own variables (dotnet run sets several) stay out.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach ((string name, string value) in program.Environment)
        {
            start.Environment[name] = value;
        }
        Process unshare = Process.Start(start) ?? throw new InvalidOperationException("cannot start unshare");
        var heart = new NamespacedHeart(program, unshare);
        try
        {
            heart.AwaitAck();
            heart.FindProcesses();
            return heart;
        }
        catch
        {
            heart.Dispose();
            throw;
        }
    }

    /// <summary>Writes one frame; false when the heart is gone.</summary>
    internal bool Send(ReadOnlySpan<byte> frame)
    {
        lock (_writing)
        {
            try
            {
                _stdin.Write(frame);
                _stdin.Flush();
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>GET_CMD: the body of the HEART_CMD answer (medulla-heart's status report, OTP's heart command).</summary>
    internal string RequestStatus()
    {
        if (!Send(HeartFrames.GetCmd))
        {
            throw new InvalidOperationException($"{Program.Name} is gone");
        }
        long deadline = Environment.TickCount64 + (long)ReplyTimeout.TotalMilliseconds;
        while (_frames.TryTake(out (byte Op, byte[] Body) frame, (int)Math.Max(0, deadline - Environment.TickCount64)))
        {
            if (frame.Op == HeartFrames.HeartCmd)
            {
                return Encoding.UTF8.GetString(frame.Body);
            }
        }
        throw new InvalidOperationException($"{Program.Name} did not answer GET_CMD within {ReplyTimeout.TotalSeconds} s");
    }

    /// <summary>SHUT_DOWN, then waits for the namespace to end; unshare's exit status (the heart's), or null when it did not end.</summary>
    internal int? ShutDown(TimeSpan timeout)
    {
        if (_disposed)
        {
            return null;
        }
        if (_unshare.HasExited)
        {
            return _unshare.ExitCode;
        }
        Send(HeartFrames.ShutDown);
        if (!_unshare.WaitForExit(timeout))
        {
            return null;
        }
        _unshare.WaitForExit(); // the stderr reader drains
        return _unshare.ExitCode;
    }

    /// <summary>
    /// Ends whatever is left, by PID only: the heart (the namespace's init: the kernel then kills the sleep
    /// with it) while it is still unshare's child, then unshare. After a clean SHUT_DOWN there is nothing.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_unshare.HasExited)
        {
            if (Pid > 1 && ProcFs.ParentOf(Pid) == _unshare.Id)
            {
                KillByPid(Pid);
            }
            if (!_unshare.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                // Only unshare itself; --kill-child takes its child along.
                _unshare.Kill(entireProcessTree: false);
                _unshare.WaitForExit();
            }
        }
        _unshare.Dispose();
    }

    private void AwaitAck()
    {
        if (!_frames.TryTake(out (byte Op, byte[] Body) frame, ReplyTimeout) || frame.Op != HeartFrames.Ack)
        {
            throw new InvalidOperationException($"{Program.Name} sent no ACK within {ReplyTimeout.TotalSeconds} s: {string.Join(" | ", _log)}");
        }
    }

    private void FindProcesses()
    {
        string expected = new FileInfo(Program.Path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(Program.Path);
        long deadline = Environment.TickCount64 + 2000;
        while (Pid == 0 && Environment.TickCount64 < deadline)
        {
            Pid = ProcFs.ChildrenOf(_unshare.Id).FirstOrDefault(p => ProcFs.Executable(p) == expected);
            if (Pid == 0)
            {
                Thread.Sleep(20);
            }
        }
        if (Pid == 0)
        {
            throw new InvalidOperationException($"no child of unshare ({_unshare.Id}) runs {expected}");
        }
        string own = PidNamespace.OfThisProcess();
        Namespace = PidNamespace.Of(Pid) ?? throw new InvalidOperationException($"{Program.Name} ({Pid}) is gone");
        if (Pid == 1 || Namespace == own)
        {
            // Cannot happen with unshare --pid; if it ever does, the heart must not live on to a reboot.
            KillByPid(Pid);
            throw new InvalidOperationException($"{Program.Name} ({Pid}) runs in the bench's own PID namespace {own}: killed it");
        }
        AppPid = ProcFs.ChildrenOf(Pid).FirstOrDefault();
    }

    private void ReadFrames(Stream stdout)
    {
        try
        {
            while (HeartFrames.Read(stdout) is { } frame)
            {
                _frames.Add(frame);
            }
        }
        catch (IOException)
        {
            // The pipe broke: the heart is gone.
        }
        catch (ObjectDisposedException)
        {
        }
        _frames.CompleteAdding();
    }

    private static void KillByPid(int pid)
    {
        if (pid <= 1)
        {
            return; // never PID 1, never a process group
        }
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }
}
