using Medulla.Bench.Firmware;

namespace Medulla.Bench.Heart;

/// <summary>The two programs compared: medulla-heart as it ships, and Erlang/OTP's heart from Debian's erlang-base.</summary>
internal static class HeartPrograms
{
    internal const string MedullaName = "medulla-heart";

    private const string ErlangRoot = "/usr/lib/erlang";

    /// <summary>
    /// Publishes medulla-heart as box/box ships it (self-contained single file, ReadyToRun, trimmed) into
    /// <paramref name="buildDirectory"/>, with its own intermediate files: the repository's bin/ and obj/
    /// stay untouched, so a build elsewhere during the run neither races nor changes the program measured.
    /// </summary>
    /// <param name="root">The repository.</param>
    /// <param name="buildDirectory">Where the output and the intermediate files go.</param>
    /// <param name="workDirectory">Where the daemon's socket goes and where its watchdog and pmsg paths point (at nothing).</param>
    internal static HeartProgram PublishMedullaHeart(string root, string buildDirectory, string workDirectory)
    {
        string project = Path.Combine(root, "src", "Medulla.Heart.Daemon", "Medulla.Heart.Daemon.csproj");
        string output = Path.Combine(buildDirectory, "out");
        MedullaBuilds.DotnetPublish(project, MedullaBuilds.SingleFileArguments, output, Path.Combine(buildDirectory, "artifacts"));
        string exe = Path.Combine(output, "medulla-heart");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Never the host's watchdog: a path where nothing exists. The daemon retries the open on its
            // pets (10 attempts) and then runs without a watchdog, as on a device without one.
            ["HEART_WATCHDOG_PATH"] = Path.Combine(workDirectory, "no-watchdog"),
            // Its lines go to a pipe the bench reads, not to the host's kernel log.
            ["MEDULLA_HEART_LOG"] = "stderr",
            // The control socket stays on, as deployed, but in the bench's directory, not in /run.
            ["MEDULLA_HEART_SOCKET"] = Path.Combine(workDirectory, "medulla-heart.sock"),
            ["MEDULLA_HEART_PMSG_PATH"] = Path.Combine(workDirectory, "no-pmsg"),
            // The daemon's own interlock: in the bench's PID namespace it refuses reboot(2) and signals to PID 1.
            ["MEDULLA_HEART_FORBID_PID_NS"] = PidNamespace.OfThisProcess(),
        };
        return new HeartProgram(MedullaName, "(from its status report)", "self-contained single file, ReadyToRun, trimmed (as box/box publishes it)",
            exe, new FileInfo(exe).Length, environment);
    }

    /// <summary>OTP's heart from erlang-base; without HEART_COMMAND it never reboots, but it runs in a namespace all the same.</summary>
    internal static HeartProgram FindOtpHeart()
    {
        string erts = Directory.Exists(ErlangRoot)
            ? Directory.EnumerateDirectories(ErlangRoot, "erts-*").Order(StringComparer.Ordinal).LastOrDefault(d => File.Exists(Path.Combine(d, "bin", "heart")))
                ?? throw new InvalidOperationException($"no {ErlangRoot}/erts-*/bin/heart: apt-get install -y erlang-base")
            : throw new InvalidOperationException($"{ErlangRoot} is missing: apt-get install -y erlang-base");
        string exe = Path.Combine(erts, "bin", "heart");
        string otp = Directory.EnumerateFiles(Path.Combine(ErlangRoot, "releases"), "OTP_VERSION", SearchOption.AllDirectories)
            .Select(f => File.ReadAllText(f).Trim()).FirstOrDefault() ?? "?";
        return new HeartProgram("OTP heart", $"OTP {otp}, {Path.GetFileName(erts)}", $"C, from Debian's erlang-base {FirmwareBench.PackageVersion("erlang-base")}",
            exe, new FileInfo(exe).Length,
            new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
