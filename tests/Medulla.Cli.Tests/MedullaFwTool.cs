using System.Text;
using Medulla.Firmware.Tests.Support;

namespace Medulla.Cli.Tests;

/// <summary><c>medulla fw printenv</c> and <c>medulla fw setenv</c>, run as the built executable.</summary>
internal sealed class MedullaFwTool : IEnvTool
{
    public string Name => "medulla fw";

    public IReadOnlyList<KeyValuePair<string, string>> PrintEnv(string configPath) =>
        PrintenvOutput.Parse(ProcessRunner.Run(CliRun.Executable, ["fw", "printenv", "-c", configPath]).EnsureSuccess().Stdout);

    /// <summary>
    /// The changes whose names have no blank go in one <c>setenv -s -</c> script of <c>name=value</c> lines
    /// on stdin (a null value as <c>name=</c>, which deletes); a script ends a name at its first blank, so
    /// each other change is its own <c>setenv -- NAME [VALUE]</c>. Values must be single lines.
    /// </summary>
    public void SetEnv(string configPath, IReadOnlyDictionary<string, string?> changes)
    {
        var script = new StringBuilder();
        foreach (KeyValuePair<string, string?> change in changes)
        {
            if (change.Key.AsSpan().ContainsAny(" \t"))
            {
                string[] arguments = change.Value is null
                    ? ["fw", "setenv", "-c", configPath, "--", change.Key]
                    : ["fw", "setenv", "-c", configPath, "--", change.Key, change.Value];
                ProcessRunner.Run(CliRun.Executable, arguments).EnsureSuccess();
            }
            else
            {
                script.Append(change.Key).Append('=').Append(change.Value).Append('\n');
            }
        }
        if (script.Length > 0)
        {
            ProcessRunner.Run(CliRun.Executable, ["fw", "setenv", "-c", configPath, "-s", "-"], script.ToString()).EnsureSuccess();
        }
    }
}
