using System.Diagnostics;
using System.Text;
using Xunit;

namespace Medulla.TestSupport;

/// <summary>The result of running a program: its exit status and everything it printed.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Throws with the command and its output when the exit status is not 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"'{Command}' exited with {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        }
        return this;
    }
}

/// <summary>
/// Runs programs (reference tools such as mkenvimage and fw_printenv, losetup, the built `medulla`) with an argument
/// vector, never a shell. A missing program fails the test with how to install it: nothing is skipped.
/// </summary>
public static class ProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The full path of <paramref name="program"/> on PATH; fails the test when it is missing.</summary>
    public static string Require(string program, string debianPackage)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        Assert.Fail($"{program} is not installed; these tests need it. Install it with: apt-get install -y {debianPackage}");
        return null!;
    }

    /// <summary>Runs <paramref name="program"/> to completion and returns its exit status and stdout as bytes, undecoded.</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunRaw(string program, IEnumerable<string> arguments)
    {
        using Process process = Process.Start(StartInfo(program, arguments)) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"'{program}' did not finish within {Timeout}");
        }
        copy.Wait();
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    /// <summary>Runs <paramref name="program"/> to completion, feeding <paramref name="stdin"/> when given.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string? stdin = null)
    {
        ProcessStartInfo start = StartInfo(program, arguments);
        string command = program + " " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ') ? $"'{a}'" : a));
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill();
            throw new TimeoutException($"'{command}' did not finish within {Timeout}");
        }
        return new ProcessResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>An argument vector, never a shell; every stream redirected, text as UTF-8.</summary>
    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }
}
