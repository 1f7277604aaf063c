using System.Diagnostics;
using System.Threading.Channels;

namespace Medulla.Heart.Tests.Support;

/// <summary>
/// The real medulla-heart, run by a test in its own PID namespace under ns-init.sh (which starts an app
/// stand-in whose pid the heart gets), with frames on its stdin and stdout and its log on stderr.
/// </summary>
internal sealed class HeartProcess : IAsyncDisposable
{
    /// <summary>How long a test waits for anything the heart should do at once.</summary>
    public static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Channel<HeartFrame> _frames = Channel.CreateUnbounded<HeartFrame>();
    private readonly Task _reader;
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private TaskCompletionSource _stdoutOpen = NewOpenGate();

    private HeartProcess(Process process, TempDirectory dir)
    {
        _process = process;
        Directory = dir;
        _stdin = process.StandardInput.BaseStream;
        _reader = Task.Run(ReadFramesAsync);
    }

    public TempDirectory Directory { get; }

    /// <summary>The heart's stderr and ns-init's and the app stand-in's lines.</summary>
    public LineLog Log { get; } = new();

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed => _sinceStart.Elapsed;

    public string SocketPath => Directory.Combine("heart.sock");

    public string PmsgPath => Directory.Combine("pmsg0");

    /// <summary>
    /// Starts <c>unshare --pid --fork --mount-proc --kill-child sh ns-init.sh medulla-heart ARGS</c> with the
    /// safe environment plus <paramref name="environment"/>, and waits for the start ACK.
    /// </summary>
    public static async Task<HeartProcess> StartAsync(TempDirectory dir, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        HeartProcess heart = Launch(dir, environment, args);
        HeartFrame ack = await heart.ReadFrameAsync();
        Assert.Equal(HeartOp.Ack, ack.Op);
        return heart;
    }

    /// <summary>Starts the process without waiting for anything.</summary>
    public static HeartProcess Launch(TempDirectory dir, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        PidNamespaceGuard.AssertTestRunsInHostNamespace();
        var start = new ProcessStartInfo(PidNamespaceGuard.Unshare[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in PidNamespaceGuard.Unshare.Skip(1))
        {
            start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Paths.NsInit);
        start.ArgumentList.Add(Paths.Daemon);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach ((string name, string value) in PidNamespaceGuard.SafeEnvironment(dir))
        {
            start.Environment[name] = value;
        }
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        File.WriteAllText(dir.Combine("pmsg0"), "");
        Process process = Process.Start(start)!;
        var heart = new HeartProcess(process, dir);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                heart.Log.Close();
            }
            else
            {
                heart.Log.Add(e.Data);
            }
        };
        process.BeginErrorReadLine();
        return heart;
    }

    public void Send(HeartOp op, string body = "") => SendRaw(HeartFrameEncoder.Encode(op, body));

    public void SendCommand(HeartCommand command) => Send(HeartOp.SetCmd, HeartCommandNames.ToText(command));

    public void SendRaw(ReadOnlySpan<byte> bytes)
    {
        _stdin.Write(bytes);
        _stdin.Flush();
    }

    /// <summary>
    /// Stops reading the heart's stdout, as an app that hangs or forgets to read does: its pipe fills up.
    /// A read already under way still completes (at most one buffer of frames).
    /// </summary>
    public void PauseReading() => Interlocked.Exchange(ref _stdoutOpen, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Reads the heart's stdout again.</summary>
    public void ResumeReading() => Volatile.Read(ref _stdoutOpen).TrySetResult();

    /// <summary>Closes the heart's stdin, as an app that exits or crashes does.</summary>
    public void CloseStdin() => _stdin.Close();

    /// <summary>The next frame from the heart; fails on timeout or end of file.</summary>
    public async Task<HeartFrame> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Prompt);
        try
        {
            return await _frames.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no frame from the heart within {(timeout ?? Prompt).TotalSeconds} s; log:\n{Log.Text}");
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"the heart closed its stdout; log:\n{Log.Text}");
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Sends a command and expects its ACK.</summary>
    public async Task CommandAsync(HeartCommand command)
    {
        SendCommand(command);
        Assert.Equal(HeartOp.Ack, (await ReadFrameAsync()).Op);
    }

    /// <summary>GET_CMD, parsed.</summary>
    public async Task<HeartStatus> StatusAsync() => HeartStatus.Parse(await StatusTextAsync());

    /// <summary>GET_CMD: the raw report.</summary>
    public async Task<string> StatusTextAsync()
    {
        Send(HeartOp.GetCmd);
        HeartFrame reply = await ReadFrameAsync();
        Assert.Equal(HeartOp.HeartCmd, reply.Op);
        return reply.BodyText;
    }

    /// <summary>
    /// The exit status of unshare: the namespace init's status, or 128 + the signal that killed it
    /// (129: reboot(2) RESTART, 130: POWER_OFF or HALT).
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the heart's namespace did not end within {timeout.TotalSeconds} s; log:\n{Log.Text}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // unshare --kill-child takes the namespace's init, and with it everything in it.
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        ResumeReading();
        await _reader;
        _process.Dispose();
    }

    private async Task ReadFramesAsync()
    {
        var decoder = new HeartFrameDecoder();
        byte[] buffer = new byte[4096];
        Stream stdout = _process.StandardOutput.BaseStream;
        try
        {
            while (true)
            {
                await Volatile.Read(ref _stdoutOpen).Task;
                int n = await stdout.ReadAsync(buffer);
                if (n <= 0)
                {
                    break;
                }
                decoder.Feed(buffer.AsSpan(0, n));
                while (decoder.TryRead(out HeartFrame frame))
                {
                    await _frames.Writer.WriteAsync(frame);
                }
            }
        }
        catch (IOException)
        {
        }
        _frames.Writer.TryComplete();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}

/// <summary>Where the built daemon and the test scripts are.</summary>
internal static class Paths
{
    /// <summary>The daemon built beside the tests, or MEDULLA_HEART_TEST_BINARY (e.g. the trimmed single-file publish).</summary>
    public static string Daemon { get; } =
        Environment.GetEnvironmentVariable("MEDULLA_HEART_TEST_BINARY") is { Length: > 0 } binary
            ? binary
            : Path.Combine(AppContext.BaseDirectory, "medulla-heart");

    public static string NsInit { get; } = Path.Combine(AppContext.BaseDirectory, "Support", "ns-init.sh");

    public static string HeartInNamespace { get; } = Path.Combine(AppContext.BaseDirectory, "Support", "heart-in-namespace.sh");
}
