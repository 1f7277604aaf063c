using System.Text.RegularExpressions;

namespace Medulla.SystemTests;

/// <summary>
/// <c>box/box shell</c>, driven as a person at the console would but through a pipe: the device app
/// runs in the background, the shell answers, and <c>exit</c> powers the box off.
/// </summary>
[Collection(BoxTests.Name)]
public sealed partial class ShellScenarioTests(BoxFixture box)
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan AnswerLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ShellRunsTheDeviceAppAndExitPowersOff()
    {
        box.AssertBuilt();
        await using var console = BoxConsole.Start(box.Repo, "shell", "--no-build");
        await console.ReadUntil(l => l.Contains("=== the device app runs in the background", StringComparison.Ordinal), BootLimit, "announcing the shell");

        // The typed command shows "$((40+2))"; only the shell's answer has "42".
        await console.TypeUntilAnswered("echo SHELL-READY-$((40+2))", l => l.Contains("SHELL-READY-42", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), AnswerLimit, "from the shell");

        await console.Type("until [ -s /data/logs/device.log ]; do sleep 0.2; done; echo \"SHELL-APP pid=$(pidof DeviceApp) logs=$(ls /data/logs | tr '\\n' ' ')\"");
        string app = await console.ReadUntil(l => AppLine().IsMatch(l), AnswerLimit, "with the running app's pid");
        Assert.Contains("device.log", app, StringComparison.Ordinal);
        Assert.Contains("run.out", app, StringComparison.Ordinal);

        await console.Type("exit 7");
        string result = await console.ReadUntil(l => l.StartsWith("MEDULLA-BOX-RESULT ", StringComparison.Ordinal), AnswerLimit, "with the result");
        Assert.Equal("MEDULLA-BOX-RESULT scenario=shell boot=1 status=7", result);
        Assert.Equal(0, await console.WaitForExit(AnswerLimit));
    }

    [GeneratedRegex(@"^SHELL-APP pid=\d+ logs=")]
    private static partial Regex AppLine();
}
