using System.Diagnostics;

namespace Medulla.Bench.Firmware;

/// <summary>
/// Builds the <c>medulla</c> executable from the working tree twice: as it ships (self-contained single
/// file, ReadyToRun, trimmed; docs/pstore.md) and framework-dependent (what <c>dotnet build</c> makes).
/// Both go to a private directory with their own intermediate files (<c>--artifacts-path</c>), so the
/// bench never touches the obj/ and bin/ folders other builds of the repository use.
/// </summary>
internal static class MedullaBuilds
{
    internal const string SingleFileArguments = "-c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishTrimmed=true";

    internal const string FrameworkDependentArguments = "-c Release --no-self-contained";

    /// <summary>Publishes both builds under <paramref name="directory"/>; returns them as programs printing the environment of <paramref name="configPath"/>.</summary>
    internal static (PrintenvProgram SingleFile, PrintenvProgram FrameworkDependent) Publish(string root, string directory, string configPath)
    {
        string project = Path.Combine(root, "src", "Medulla.Cli", "Medulla.Cli.csproj");
        string artifacts = Path.Combine(directory, "artifacts");
        string singleFile = Path.Combine(directory, "single-file");
        string frameworkDependent = Path.Combine(directory, "framework-dependent");
        DotnetPublish(project, SingleFileArguments, singleFile, artifacts);
        DotnetPublish(project, FrameworkDependentArguments, frameworkDependent, artifacts);
        string[] printenv = ["fw", "printenv", "-c", configPath];
        string singleExe = Path.Combine(singleFile, "medulla");
        string dependentExe = Path.Combine(frameworkDependent, "medulla");
        return (
            new PrintenvProgram("medulla fw printenv", "self-contained single file, ReadyToRun, trimmed", singleExe, printenv, new FileInfo(singleExe).Length),
            new PrintenvProgram("medulla fw printenv", "framework-dependent (JIT, shared .NET runtime)", dependentExe, printenv,
                Directory.EnumerateFiles(frameworkDependent, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length)));
    }

    /// <summary>Runs `dotnet publish` with its own intermediate files under <paramref name="artifacts"/>; throws with the output when it fails.</summary>
    internal static void DotnetPublish(string project, string arguments, string output, string artifacts)
    {
        Console.WriteLine($"dotnet publish {Path.GetFileName(project)} {arguments} -o {output}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("publish");
        start.ArgumentList.Add(project);
        foreach (string argument in arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--artifacts-path");
        start.ArgumentList.Add(artifacts);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(output);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }
}
