using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Medulla.Logging;

namespace Medulla.SystemLog.Tests;

/// <summary>The /dev/log server on a socket in a temp directory, fed by the real util-linux logger and by in-test senders.</summary>
public sealed class SyslogServerTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    private readonly TempDirectory _dir = new("medulla-syslog");

    private string SocketPath => _dir.File("log");

    public void Dispose() => _dir.Dispose();

    private static void Logger(params string[] arguments)
    {
        ProcessRunner.Require("logger", "util-linux");
        ProcessRunner.Run("logger", arguments).EnsureSuccess();
    }

    [Fact]
    public async Task Logger_rfc3164_fields_land_in_the_event()
    {
        using var capture = new EventCapture();
        var forwarder = new SystemLogForwarder(capture.System);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, forwarder.Forward);

        Logger("-u", SocketPath, "--rfc3164", "-p", "local3.notice", "-t", "mytag", "-i", "hello; world");
        LogEvent e = await capture.WaitFor(e => e.Category == "mytag");

        Assert.Equal(Level.Notice, e.Level);
        Assert.Equal("hello; world", e.Message);
        Assert.Equal(19, e.Meta("facility"));
        Assert.Equal(5, e.Meta("severity"));
        Assert.Equal("mytag", e.Meta("app"));
        Assert.Equal(Environment.MachineName, e.Meta("hostname"));
        Assert.NotNull(e.Meta("timestamp"));
        // -i puts logger's pid in the tag; the kernel's credentials say the same.
        string procId = Assert.IsType<string>(e.Meta("procid"));
        Assert.Equal(int.Parse(procId, System.Globalization.CultureInfo.InvariantCulture), e.Meta("sender_pid"));
        Assert.Equal(0L, e.Meta("sender_uid"));
        Assert.Null(e.Meta("malformed"));
    }

    [Fact]
    public async Task Logger_rfc5424_fields_land_in_the_event()
    {
        using var capture = new EventCapture();
        var forwarder = new SystemLogForwarder(capture.System);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, forwarder.Forward);

        Logger("-u", SocketPath, "--rfc5424", "--msgid", "MID1", "--sd-id", "ex@32473", "--sd-param", "a=\"b\\\"c\"", "--sd-param", "x=\"y\\]z\"",
            "-p", "daemon.err", "-t", "app1", "-i", "five; four");
        LogEvent e = await capture.WaitFor(e => e.Category == "app1");

        Assert.Equal(Level.Error, e.Level);
        Assert.Equal("five; four", e.Message);
        Assert.Equal(3, e.Meta("facility"));
        Assert.Equal(3, e.Meta("severity"));
        Assert.Equal("app1", e.Meta("app"));
        Assert.Equal("MID1", e.Meta("msgid"));
        Assert.Equal(Environment.MachineName, e.Meta("hostname"));
        Assert.NotNull(e.Meta("procid"));
        Assert.NotNull(e.Meta("timestamp"));
        var sd = Assert.IsAssignableFrom<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(e.Meta("structured_data"));
        Assert.Equal("b\"c", sd["ex@32473"]["a"]);
        Assert.Equal("y]z", sd["ex@32473"]["x"]);
        Assert.True(sd.ContainsKey("timeQuality"));
    }

    [Fact]
    public async Task A_message_without_an_app_name_is_logged_in_category_syslog()
    {
        using var capture = new EventCapture();
        var forwarder = new SystemLogForwarder(capture.System);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, forwarder.Forward);

        Send(SocketPath, "<15>1 - - - - - - no app"u8.ToArray());
        LogEvent e = await capture.WaitFor(e => e.Message == "no app");

        Assert.Equal("syslog", e.Category);
        Assert.Equal(Level.Debug, e.Level);
    }

    [Fact]
    public async Task A_hundred_thousand_datagrams_from_four_concurrent_senders_all_arrive()
    {
        const int Senders = 4;
        const int PerSender = 25_000;
        long delivered = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, m =>
        {
            if (Interlocked.Increment(ref delivered) == Senders * PerSender)
            {
                all.TrySetResult();
            }
        });

        Task[] senders = [.. Enumerable.Range(0, Senders).Select(s => Task.Factory.StartNew(() =>
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            for (int i = 0; i < PerSender; i++)
            {
                // A blocking datagram send on a unix socket waits while the receiver's queue is full.
                socket.Send(Encoding.ASCII.GetBytes($"<14>1 - - flood {s} - - - message {i}"));
            }
        }, TaskCreationOptions.LongRunning))];
        await Task.WhenAll(senders).WaitAsync(WaitLimit);
        await all.Task.WaitAsync(WaitLimit);

        Assert.Equal(Senders * PerSender, Interlocked.Read(ref delivered));
        Assert.Equal(Senders * PerSender, server.Received);
        Assert.Equal(0, server.Malformed);
    }

    [Fact]
    public async Task Four_logger_processes_reading_lines_from_stdin_lose_nothing()
    {
        ProcessRunner.Require("logger", "util-linux");
        const int Senders = 4;
        const int PerSender = 25_000;
        long delivered = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, m =>
        {
            if (!m.IsMalformed && Interlocked.Increment(ref delivered) == Senders * PerSender)
            {
                all.TrySetResult();
            }
        });
        string lines = string.Concat(Enumerable.Range(0, PerSender).Select(i => $"line {i}\n"));

        Task[] senders = [.. Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            var start = new ProcessStartInfo("logger") { RedirectStandardInput = true, RedirectStandardError = true };
            foreach (string a in (string[])["-u", SocketPath, "--rfc5424", "-t", $"sender{s}"])
            {
                start.ArgumentList.Add(a);
            }
            using Process logger = Process.Start(start)!;
            await logger.StandardInput.WriteAsync(lines);
            logger.StandardInput.Close();
            string errors = await logger.StandardError.ReadToEndAsync();
            await logger.WaitForExitAsync();
            Assert.True(logger.ExitCode == 0, errors);
        }))];
        await Task.WhenAll(senders).WaitAsync(WaitLimit);
        await all.Task.WaitAsync(WaitLimit);

        Assert.Equal(Senders * PerSender, Interlocked.Read(ref delivered));
        Assert.Equal(Senders * PerSender, server.Received);
    }

    [Fact]
    public async Task Garbage_datagrams_are_counted_and_the_server_keeps_serving()
    {
        using var capture = new EventCapture();
        var forwarder = new SystemLogForwarder(capture.System);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, forwarder.Forward);
        byte[] huge = new byte[SyslogServerOptions.MaxDatagramBytes + 1000];
        huge.AsSpan().Fill((byte)'a');
        "<13>"u8.CopyTo(huge);

        Send(SocketPath, []);
        Send(SocketPath, huge);
        Send(SocketPath, [.. "<13>bad "u8, 0xff, 0xfe]);
        Send(SocketPath, "<999>too big"u8.ToArray());
        Send(SocketPath, "<13>1 - - app - - [open@1 a=\"b\""u8.ToArray());
        Send(SocketPath, "<13>1 - - after - - - still serving"u8.ToArray());
        LogEvent last = await capture.WaitFor(e => e.Category == "after");

        Assert.Equal("still serving", last.Message);
        Assert.Equal(6, server.Received);
        Assert.Equal(4, server.Malformed);
        Assert.Equal(1, server.Truncated);
        LogEvent bad = await capture.WaitFor(e => e.Message.StartsWith("<13>bad", StringComparison.Ordinal));
        Assert.Equal("<13>bad \\xff\\xfe", bad.Message);
        Assert.Equal(true, bad.Meta("malformed"));
        LogEvent cut = await capture.WaitFor(e => e.Meta("truncated") is true);
        Assert.StartsWith("aaaa", cut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_receive_buffer_is_enlarged_past_the_system_default_as_root()
    {
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath, ReceiveBufferBytes = 8 * 1024 * 1024 }, _ => { });

        // The kernel reports twice what was set (the other half is its bookkeeping); SO_RCVBUFFORCE passes rmem_max.
        Assert.Equal(16 * 1024 * 1024, server.ReceiveBufferBytes);
    }

    [Fact]
    public void The_socket_is_created_mode_0666_and_removed_at_the_end()
    {
        using (SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, _ => { }))
        {
            Assert.Equal(
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
                File.GetUnixFileMode(SocketPath));
        }
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced()
    {
        // A process that bound the socket and exited without removing it (.NET's Socket would remove it on Dispose).
        ProcessRunner.Require("python3", "python3");
        ProcessRunner.Run("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).bind(sys.argv[1])", SocketPath]).EnsureSuccess();
        Assert.True(File.Exists(SocketPath));
        var got = new TaskCompletionSource<SyslogMessage>(TaskCreationOptions.RunContinuationsAsynchronously);

        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, m => got.TrySetResult(m));
        Send(SocketPath, "<13>hi"u8.ToArray());

        Assert.Equal("hi", (await got.Task.WaitAsync(WaitLimit)).Message);
    }

    [Fact]
    public void A_socket_another_server_receives_on_is_not_replaced()
    {
        using var live = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        live.Bind(new UnixDomainSocketEndPoint(SocketPath));

        var ex = Assert.ThrowsAny<IOException>(() => SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, _ => { }));

        Assert.Contains(SocketPath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("another server", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Something_that_is_not_a_socket_is_never_replaced()
    {
        File.WriteAllText(SocketPath, "precious");

        var ex = Assert.ThrowsAny<IOException>(() => SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, _ => { }));

        Assert.Contains("not a socket", ex.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(SocketPath));
    }

    [Fact]
    public async Task A_delivery_callback_that_throws_is_counted_and_the_server_goes_on()
    {
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = SocketPath }, m =>
        {
            if (m.Message == "boom")
            {
                throw new InvalidOperationException("consumer bug");
            }
            second.TrySetResult();
        });

        Send(SocketPath, "<13>boom"u8.ToArray());
        Send(SocketPath, "<13>fine"u8.ToArray());
        await second.Task.WaitAsync(WaitLimit);

        Assert.Equal(1, server.DeliveryFailures);
    }

    private static void Send(string path, byte[] datagram)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendBufferSize = 256 * 1024;
        socket.Connect(new UnixDomainSocketEndPoint(path));
        socket.Send(datagram);
    }
}
