using System.Net.Sockets;
using System.Text;

namespace Medulla.Cli.Tests;

/// <summary>
/// <c>medulla heart status</c> against a stand-in for medulla-heart's control socket (the real daemon is
/// tested with this client in Medulla.Heart.Tests): connect, read the report until the heart closes.
/// </summary>
public sealed class HeartCommandTests : IDisposable
{
    private const string Report = "program_name=medulla-heart\nprogram_version=0.1.0\nheartbeat_timeout=60\nwdt_last_boot=watchdog\n";

    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"medulla-cli-heart-{Guid.NewGuid():N}.sock");

    [Fact]
    public async Task status_prints_the_report_the_heart_sends()
    {
        using Socket listener = Listen();
        Task server = AnswerOnce(listener);

        CliRun run = CliRun.InProcess("heart", "status", "--socket", _socket);

        await server;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Report, run.Stdout);
    }

    [Fact]
    public async Task status_with_a_key_prints_only_its_value()
    {
        using Socket listener = Listen();
        Task server = AnswerOnce(listener);

        CliRun run = CliRun.InProcess("heart", "status", "wdt_last_boot", "--socket", _socket);

        await server;
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("watchdog\n", run.Stdout);
    }

    [Fact]
    public async Task status_with_an_unknown_key_fails_naming_it()
    {
        using Socket listener = Listen();
        Task server = AnswerOnce(listener);

        CliRun run = CliRun.InProcess("heart", "status", "no_such_key", "--socket", _socket);

        await server;
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("medulla: the heart's status has no key 'no_such_key'\n", run.Stderr);
    }

    [Fact]
    public void Without_a_heart_status_fails_with_one_line()
    {
        CliRun run = CliRun.InProcess("heart", "status", "--socket", _socket);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"medulla: no heart is running: nothing answers at {_socket}", run.Stderr);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => File.Delete(_socket);

    private Socket Listen()
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(_socket));
        listener.Listen(1);
        return listener;
    }

    private static async Task AnswerOnce(Socket listener)
    {
        using Socket client = await listener.AcceptAsync();
        await client.SendAsync(Encoding.UTF8.GetBytes(Report));
    }
}
