using System.Diagnostics;

namespace Medulla.Heart.Tests.Support;

/// <summary>
/// A private copy of Debian's Erlang/OTP (package erlang-base, /usr/lib/erlang) whose erts bin directory
/// has medulla-heart as its <c>heart</c>. <c>erl -heart</c> spawns "heart" through a shell with that
/// directory first on PATH (erlexec puts it there), so the copy is the reliable way to swap the program
/// without touching the system's Erlang. Made once under the temp directory and reused.
/// </summary>
internal sealed class ErlangInstallation
{
    private const string SystemRoot = "/usr/lib/erlang";

    private static readonly Lazy<ErlangInstallation> Shared = new(Create);

    private ErlangInstallation(string root, string binDirectory)
    {
        Root = root;
        BinDirectory = binDirectory;
    }

    public static ErlangInstallation Instance => Shared.Value;

    /// <summary>The copy's ROOTDIR.</summary>
    public string Root { get; }

    /// <summary>The copy's erts-X/bin, with erlexec and the replaced heart.</summary>
    public string BinDirectory { get; }

    /// <summary>
    /// Runs <c>erl -noshell -heart ARGS</c> from the copy as erl's own script would (ROOTDIR, BINDIR, EMU,
    /// PROGNAME, then erlexec), inside a new PID namespace whose init is a shell that waits for erl. The
    /// heart inherits the environment: the safety interlock, stderr logging, a private control socket.
    /// </summary>
    public Process StartErl(TempDirectory dir, IReadOnlyDictionary<string, string> environment, params string[] erlArgs)
    {
        PidNamespaceGuard.AssertTestRunsInHostNamespace();
        var start = new ProcessStartInfo(PidNamespaceGuard.Unshare[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in PidNamespaceGuard.Unshare.Skip(1))
        {
            start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "erl-ns-init.sh"));
        start.ArgumentList.Add(Path.Combine(BinDirectory, "erlexec"));
        foreach (string a in (string[])["-noshell", "-heart", .. erlArgs])
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["ROOTDIR"] = Root;
        start.Environment["BINDIR"] = BinDirectory;
        start.Environment["EMU"] = "beam";
        start.Environment["PROGNAME"] = "erl";
        start.Environment["HOME"] = dir.Path;
        foreach ((string name, string value) in PidNamespaceGuard.SafeEnvironment(dir))
        {
            start.Environment[name] = value;
        }
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }
        File.WriteAllText(dir.Combine("pmsg0"), "");
        return Process.Start(start)!;
    }

    private static ErlangInstallation Create()
    {
        Assert.True(Directory.Exists(SystemRoot), $"{SystemRoot} is missing: install Erlang with `apt-get install -y erlang-base`");
        string ertsName = Path.GetFileName(Directory.GetDirectories(SystemRoot, "erts-*").Single());
        // One copy per Erlang version and daemon, reused by later runs (a test host may not get to clean up).
        string key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{ertsName}\n{Paths.Daemon}")))[..12].ToLowerInvariant();
        string root = Path.Combine(Path.GetTempPath(), $"medulla-heart-erlang-{key}");
        string bin = Path.Combine(root, ertsName, "bin");
        if (!File.Exists(Path.Combine(bin, "heart.medulla")))
        {
            string staging = root + "." + Guid.NewGuid().ToString("N")[..8];
            Run("cp", "-a", SystemRoot, staging);
            string heart = Path.Combine(staging, ertsName, "bin", "heart");
            File.Delete(heart);
            Executables.WriteScript(heart, $"#!/bin/sh\n# medulla-heart in place of Erlang's heart\nexec '{Paths.Daemon}' \"$@\"\n", forEveryone: true);
            File.WriteAllText(heart + ".medulla", "marks a finished copy\n");
            try
            {
                Directory.Move(staging, root);
            }
            catch (IOException)
            {
                // Another test run finished the same copy first.
                Directory.Delete(staging, recursive: true);
            }
        }
        return new ErlangInstallation(root, bin);
    }

    private static void Run(string program, params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {error}");
    }
}
