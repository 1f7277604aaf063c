using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Medulla.Cli.Tests;

/// <summary>
/// <c>medulla kmsg</c> against the real /dev/kmsg and <c>medulla syslog listen</c> with the real
/// <c>logger</c> (util-linux) sending to its socket; the JSON members are the issue's contract.
/// </summary>
public class SystemLogCommandTests
{
    [Fact]
    public async Task kmsg_json_prints_a_record_with_semicolons_whole_and_its_level()
    {
        string marker = $"medulla-cli-kmsg-{Guid.NewGuid():N}";
        // The line feed ends the record: without it the kernel holds it open for a continuation.
        await File.WriteAllTextAsync("/dev/kmsg", $"<3>text;with;semicolons {marker}\n");

        CliRun run = CliRun.InProcess("kmsg", "--json");

        Assert.Equal(0, run.ExitCode);
        JsonObject record = Assert.Single(run.StdoutLines.Select(l => JsonNode.Parse(l)!.AsObject()), r => ((string)r["message"]!).Contains(marker));
        Assert.Equal($"text;with;semicolons {marker}", (string)record["message"]!);
        Assert.Equal(3, (int)record["severity"]!);
        // A record written from user space gets the user facility (1) from the kernel.
        Assert.Equal(1, (int)record["facility"]!);
        Assert.True((ulong)record["seq"]! > 0);
        Assert.True((ulong)record["usec"]! > 0);
        Assert.IsType<JsonObject>(record["properties"]);
    }

    [Fact]
    public async Task kmsg_follow_keeps_printing_records_written_after_it_started()
    {
        using CliProcess kmsg = await CliProcess.StartAsync(null, "kmsg", "--follow", "--json");
        string first = $"medulla-cli-follow-{Guid.NewGuid():N}";
        string second = $"medulla-cli-follow-{Guid.NewGuid():N}";

        await File.WriteAllTextAsync("/dev/kmsg", $"<4>{first}\n");
        await kmsg.NextJsonAsync<JsonObject>(r => (string)r["message"]! == first);
        await File.WriteAllTextAsync("/dev/kmsg", $"<6>{second}\n");
        JsonObject later = await kmsg.NextJsonAsync<JsonObject>(r => (string)r["message"]! == second);

        Assert.Equal(6, (int)later["severity"]!);
        Assert.False(kmsg.HasExited, "kmsg --follow should run until interrupted");
    }

    [Fact]
    public async Task syslog_listen_json_prints_every_field_of_an_rfc5424_message_from_logger()
    {
        using var dir = new TempDirectory("medulla-cli-tests");
        string socket = dir.File("log.sock");
        using CliProcess listen = await CliProcess.StartAsync("listening on", "syslog", "listen", "--socket", socket, "--json");

        Logger(socket, "--rfc5424", "--msgid", "ID47", "--sd-id", "exampleSDID@32473", "--sd-param", "iut=\"3\"",
            "--sd-param", "eventSource=\"App\"", "-p", "local4.warning", "-t", "myapp", "-i", "an RFC 5424 message");

        JsonObject m = await listen.NextJsonAsync<JsonObject>(m => (string?)m["message"] == "an RFC 5424 message");
        Assert.Equal(20, (int)m["facility"]!);
        Assert.Equal(4, (int)m["severity"]!);
        Assert.Equal("myapp", (string?)m["app"]);
        Assert.Equal("ID47", (string?)m["msgid"]);
        Assert.True(int.TryParse((string?)m["procid"], out _), $"procid '{m["procid"]}' should be logger's pid");
        Assert.False(string.IsNullOrEmpty((string?)m["hostname"]));
        Assert.True(DateTimeOffset.TryParse((string?)m["timestamp"], out _), $"timestamp '{m["timestamp"]}'");
        JsonObject sd = m["structured_data"]!["exampleSDID@32473"]!.AsObject();
        Assert.Equal("3", (string?)sd["iut"]);
        Assert.Equal("App", (string?)sd["eventSource"]);
        Assert.Null(m["malformed"]);
    }

    [Fact]
    public async Task syslog_listen_json_prints_an_rfc3164_message_and_marks_garbage_malformed()
    {
        using var dir = new TempDirectory("medulla-cli-tests");
        string socket = dir.File("log.sock");
        using CliProcess listen = await CliProcess.StartAsync("listening on", "syslog", "listen", "--socket", socket, "--json");

        Logger(socket, "--rfc3164", "-p", "daemon.err", "-t", "old", "an RFC 3164 message");
        JsonObject m = await listen.NextJsonAsync<JsonObject>(m => (string?)m["message"] == "an RFC 3164 message");
        Assert.Equal((3, 3), ((int)m["facility"]!, (int)m["severity"]!));
        Assert.Equal("old", (string?)m["app"]);

        using (var sender = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified))
        {
            sender.Connect(new UnixDomainSocketEndPoint(socket));
            sender.Send("<999>out of range"u8);
            sender.Send([0x3c, 0x31, 0x33, 0x3e, 0xff, 0xfe, 0x20, 0x62, 0x61, 0x64]); // "<13>" then invalid UTF-8
        }
        JsonObject bad = await listen.NextJsonAsync<JsonObject>(m => m["malformed"] is not null);
        Assert.True((bool)bad["malformed"]!);
        Assert.Contains("999", (string?)bad["message"]);

        // The receiver keeps serving after garbage.
        Logger(socket, "--rfc3164", "-t", "after", "still here");
        await listen.NextJsonAsync<JsonObject>(m => (string?)m["message"] == "still here");
    }

    [Fact]
    public void syslog_listen_refuses_a_path_that_is_not_a_socket()
    {
        using var dir = new TempDirectory("medulla-cli-tests");
        string file = dir.File("not-a-socket");
        File.WriteAllText(file, "keep me");

        CliRun run = CliRun.InProcess("syslog", "listen", "--socket", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(file, run.StderrLine);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    private static void Logger(string socket, params string[] args)
    {
        string logger = ProcessRunner.Require("logger", "bsdutils");
        ProcessRunner.Run(logger, ["-u", socket, .. args]).EnsureSuccess();
    }
}
