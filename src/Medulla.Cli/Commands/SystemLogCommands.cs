using System.CommandLine;
using Medulla.Cli.SystemLog;
using Medulla.SystemLog;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla kmsg [--follow] [--json]</c>: the kernel log with levels; <c>medulla syslog listen [--socket PATH]
/// [--json]</c>: a foreground syslog receiver printing each message (docs/systemlog.md, "Command line").
/// </summary>
internal static class SystemLogCommands
{
    internal static Command Kmsg()
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new records as the kernel logs them, until interrupted" };
        Option<bool> json = JsonOption("one JSON object per record: seq, usec, facility, severity (integers), message, properties");
        var path = new Option<string>("--path")
        {
            Description = $"The kernel log device (default {KmsgReader.DefaultPath})",
            HelpName = "PATH",
            DefaultValueFactory = _ => KmsgReader.DefaultPath,
        };
        var command = new Command("kmsg", "Print the kernel log (/dev/kmsg) with facility and level: the records in the ring, then with --follow new ones")
        {
            follow, json, path,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            bool asJson = parse.GetValue(json);
            TextWriter output = parse.InvocationConfiguration.Output;
            using KmsgReader reader = KmsgReader.Open(KmsgStart.Beginning, parse.GetValue(path)!);
            void Print(KmsgRecord r) => output.Write(asJson ? SystemLogText.KmsgJson(r) : SystemLogText.Kmsg(r));
            reader.ReadAvailable(Print);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(follow))
            {
                // Follow blocks in poll(2): a thread of its own, so the interrupt's cancellation can end it.
                await Task.Factory.StartNew(() =>
                {
                    try
                    {
                        reader.Follow(r =>
                        {
                            Print(r);
                            output.Flush();
                        }, cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Interrupted: the normal end of --follow.
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            }
            return MedullaCli.Success;
        });
        return command;
    }

    internal static Command Syslog()
    {
        var socket = new Option<string>("--socket")
        {
            Description = $"The socket to serve (default {SyslogServerOptions.DefaultSocketPath}); a stale socket there is replaced, a live one refused",
            HelpName = "PATH",
            DefaultValueFactory = _ => SyslogServerOptions.DefaultSocketPath,
        };
        Option<bool> json = JsonOption("one JSON object per message: facility, severity, timestamp, hostname, app, procid, msgid, structured_data, message (and malformed)");
        var listen = new Command("listen", "Receive syslog messages on a unix datagram socket and print each one, until interrupted") { socket, json };
        listen.SetAction(async (parse, cancellationToken) =>
        {
            bool asJson = parse.GetValue(json);
            TextWriter output = parse.InvocationConfiguration.Output;
            var printing = new Lock();
            using SyslogServer server = SyslogServer.Start(new SyslogServerOptions { SocketPath = parse.GetValue(socket)! }, m =>
            {
                lock (printing)
                {
                    output.Write(asJson ? SystemLogText.SyslogJson(m) : SystemLogText.Syslog(m));
                    output.Flush();
                }
            });
            // On stderr, so that stdout holds only messages: from now on, what is sent is printed.
            await parse.InvocationConfiguration.Error.WriteLineAsync($"medulla: listening on {server.SocketPath} (interrupt to stop)").ConfigureAwait(false);
            try
            {
                await server.Stopped.WaitAsync(cancellationToken).ConfigureAwait(false);
                return MedullaCli.Fail(parse.InvocationConfiguration.Error, $"the syslog server on {server.SocketPath} stopped");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return MedullaCli.Success;
            }
        });
        return new Command("syslog", "The syslog socket (/dev/log) that local programs log to") { listen };
    }

    private static Option<bool> JsonOption(string what) => new("--json") { Description = what };
}
