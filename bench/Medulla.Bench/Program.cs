using System.Globalization;
using System.Text.Json;
using Medulla.Bench.Box;
using Medulla.Bench.Firmware;
using Medulla.Bench.Heart;
using Medulla.Bench.Kernel;
using Medulla.Bench.Measurement;
using Medulla.Bench.Orchestration;
using Medulla.Bench.Scenarios;
using Medulla.Bench.Syslog;

namespace Medulla.Bench;

/// <summary>
/// Commands:
///   all [--rounds N] [--only lib,lib] [--scenarios a,b,c] [--no-sweep] [--no-doc]   run everything, write docs/benchmarks.md
///   run &lt;library&gt; &lt;a|b|c&gt; &lt;default|sync=N&gt; &lt;outfile&gt;            one measurement (what `all` starts per child)
///   probe                                                              diagnostic: Medulla's cost stage by stage
///   report &lt;runs.jsonl&gt; &lt;out.md&gt;                                         the report again from raw results (not docs/)
///   firmware [--runs N] [--no-doc]                                     U-Boot environment reads and `medulla fw printenv` against
///                                                                      fw_printenv; writes docs/benchmarks-firmware.md
///   heart [--seconds N] [--warmup N] [--no-doc]                        idle memory and wakeups of medulla-heart against OTP's heart,
///                                                                      side by side; writes docs/benchmarks-heart.md
///   syslog [--rounds N] [--no-doc]                                     /dev/log receivers (rsyslog, busybox syslogd) under a burst of
///                                                                      datagrams; writes docs/benchmarks-syslog.md
///   syslog-receiver &lt;socket&gt; &lt;file&gt;                                 Medulla's receiver as the syslog command's child process
///   kmsg [--rounds N] [--no-doc]                                       reading the /dev/kmsg ring: KmsgReader, dmesg -r, read(2);
///                                                                      writes docs/benchmarks-kmsg.md
///   coldplug [--rounds N] [--no-doc]                                   SysfsDevices.Scan of /sys/devices against reading every uevent
///                                                                      file; writes docs/benchmarks-coldplug.md
///   box-boot [--runs N] [--box PATH] [--no-doc]                        the device in a box (box/box run boot-time) from qemu start to the
///                                                                      app's first log line and to 'validated'; writes docs/benchmarks-boot.md
///                                                                      and its ratios into docs/benchmarks.md
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: Medulla.Bench all [--rounds N] [--only lib,lib] [--scenarios a,b,c] [--no-sweep] [--no-doc]\n" +
        "       Medulla.Bench run <library> <a|b|c> <default|sync=N> <outfile>\n" +
        "       Medulla.Bench probe\n" +
        "       Medulla.Bench report <runs.jsonl> <out.md>\n" +
        "       Medulla.Bench firmware [--runs N] [--no-doc]\n" +
        "       Medulla.Bench heart [--seconds N] [--warmup N] [--no-doc]\n" +
        "       Medulla.Bench syslog [--rounds N] [--no-doc]\n" +
        "       Medulla.Bench kmsg [--rounds N] [--no-doc]\n" +
        "       Medulla.Bench coldplug [--rounds N] [--no-doc]\n" +
        "       Medulla.Bench box-boot [--runs N] [--box PATH] [--no-doc]";

    private static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["all", .. var options] => All(options),
                ["run", string library, string scenario, string config, string outFile] => RunOne(library, scenario, config, outFile),
                ["probe"] => MedullaProbe.Run(),
                ["probe", string outFile] => MedullaProbe.Run(outFile),
                ["report", string raw, string outFile] => Orchestrator.Rewrite(raw, outFile),
                ["firmware", .. var options] => Firmware(options),
                ["heart", .. var options] => Heart(options),
                ["syslog", .. var options] => Rounds(options, SyslogBench.DefaultRounds, SyslogBench.Run),
                ["syslog-receiver", string socket, string file] => MedullaSyslogProgram.Run(socket, file),
                ["kmsg", .. var options] => Rounds(options, KmsgBench.DefaultRounds, KmsgBench.Run),
                ["coldplug", .. var options] => Rounds(options, ColdplugBench.DefaultRounds, ColdplugBench.Run),
                ["box-boot", .. var options] => BoxBoot(options),
                _ => Fail(Usage),
            };
        }
        catch (ArgumentException ex)
        {
            return Fail(ex.Message);
        }
    }

    private static int All(string[] args)
    {
        var options = CommandOptions.Parse(args, Usage, valued: ["--rounds", "--only", "--scenarios"], flags: ["--no-doc", "--no-sweep"]);
        ISet<string>? only = options.List("--only");
        ISet<string>? scenarios = options.List("--scenarios");
        // A partial run would write a partial report over the full one.
        bool writeDoc = !options.Flag("--no-doc") && only is null && scenarios is null;
        return Orchestrator.RunAll(options.Int("--rounds", 3, min: 1), only, scenarios, writeDoc, sweep: !options.Flag("--no-sweep"));
    }

    private static int Firmware(string[] args)
    {
        var options = CommandOptions.Parse(args, Usage, valued: ["--runs"], flags: ["--no-doc"]);
        return FirmwareBench.Run(options.Int("--runs", FirmwareBench.DefaultRuns, min: 1), !options.Flag("--no-doc"));
    }

    /// <summary>The options of the commands that take only <c>--rounds N</c> and <c>--no-doc</c>.</summary>
    private static int Rounds(string[] args, int defaultRounds, Func<int, bool, int> run)
    {
        var options = CommandOptions.Parse(args, Usage, valued: ["--rounds"], flags: ["--no-doc"]);
        return run(options.Int("--rounds", defaultRounds, min: 1), !options.Flag("--no-doc"));
    }

    private static int BoxBoot(string[] args)
    {
        var options = CommandOptions.Parse(args, Usage, valued: ["--runs", "--box"], flags: ["--no-doc"]);
        string box = options.Text("--box") ?? Path.Combine(Orchestrator.RepositoryRoot(), "box", "box");
        return BoxBootBench.Run(options.Int("--runs", BoxBootBench.DefaultRuns, min: 1), box, !options.Flag("--no-doc"));
    }

    private static int Heart(string[] args)
    {
        var options = CommandOptions.Parse(args, Usage, valued: ["--seconds", "--warmup"], flags: ["--no-doc"]);
        // At least one beat interval.
        int seconds = options.Int("--seconds", HeartBench.DefaultSeconds, min: 5);
        int warmup = options.Int("--warmup", HeartBench.DefaultWarmupSeconds, min: 0);
        return HeartBench.Run(seconds, warmup, !options.Flag("--no-doc"));
    }

    private static int RunOne(string library, string scenario, string config, string outFile)
    {
        RunResult result = ScenarioRunner.Run(library, scenario, config);
        string json = JsonSerializer.Serialize(result, ResultJson.Default.RunResult);
        File.WriteAllText(outFile, json);
        Console.WriteLine(json);
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
