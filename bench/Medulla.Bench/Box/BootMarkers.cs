using System.Text.RegularExpressions;

namespace Medulla.Bench.Box;

/// <summary>One line of <c>box/box run</c>'s output, stamped on arrival (seconds since the bench started the run).</summary>
internal sealed record StampedLine(double Seconds, bool Stderr, string Text);

/// <summary>
/// The moments of one boot-time run, found in its stamped lines; null when the line never came.
/// All on the host's clock: qemu's console reaches the bench through box/box's pipe.
/// </summary>
internal sealed partial record BootMarkers(
    double? QemuStart, double? Init1, double? App1, double? Reset, double? Init2, double? App2, double? Validated,
    string? Result, string? GuestKernel)
{
    /// <summary>init's line that the data disk is mounted (after formatting it in boot 1): splits init-to-app into disk and app start. Optional.</summary>
    internal double? Mount1 { get; init; }

    internal double? Mount2 { get; init; }

    internal const string ExpectedResult = "MEDULLA-BOX-RESULT scenario=boot-time boot=2 status=0";

    /// <summary>The console handler's line format, with the ANSI colour a warning or error starts with.</summary>
    [GeneratedRegex(@"^(\x1b\[[0-9;]*m)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z [A-Z]+ ")]
    private static partial Regex AppLogLine();

    [GeneratedRegex(@"^box init: boot 1, .*kernel (\S+?),?(\s|$)")]
    private static partial Regex InitLineKernel();

    internal static BootMarkers Find(IReadOnlyList<StampedLine> lines)
    {
        double? qemuStart = null, init1 = null, app1 = null, reset = null, init2 = null, app2 = null, validated = null;
        double? mount1 = null, mount2 = null;
        string? result = null, kernel = null;
        foreach (StampedLine line in lines)
        {
            string text = line.Text;
            if (line.Stderr)
            {
                qemuStart ??= text == "box: qemu starts (scenario boot-time)" ? line.Seconds : null;
                continue;
            }
            if (text.StartsWith("MEDULLA-BOX-RESULT ", StringComparison.Ordinal))
            {
                result = text.Trim();
            }
            if (qemuStart is null)
            {
                continue;
            }
            bool appLine = AppLogLine().IsMatch(text);
            bool mounted = text.StartsWith("formatted and mounted: ", StringComparison.Ordinal) || text.StartsWith("mounted: ", StringComparison.Ordinal);
            if (reset is null)
            {
                if (init1 is null && text.StartsWith("box init: boot 1", StringComparison.Ordinal))
                {
                    init1 = line.Seconds;
                    kernel = InitLineKernel().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
                }
                if (mount1 is null && init1 is not null && mounted)
                {
                    mount1 = line.Seconds;
                }
                if (app1 is null && appLine)
                {
                    app1 = line.Seconds;
                }
                if (text == "box: rebooting")
                {
                    reset = line.Seconds;
                }
                continue;
            }
            if (init2 is null && text.StartsWith("box init: boot 2", StringComparison.Ordinal))
            {
                init2 = line.Seconds;
            }
            if (mount2 is null && init2 is not null && mounted)
            {
                mount2 = line.Seconds;
            }
            if (app2 is null && appLine)
            {
                app2 = line.Seconds;
            }
            if (validated is null && text.Contains("validated after", StringComparison.Ordinal))
            {
                validated = line.Seconds;
            }
        }
        return new BootMarkers(qemuStart, init1, app1, reset, init2, app2, validated, result, kernel) { Mount1 = mount1, Mount2 = mount2 };
    }

    /// <summary>The markers that came, each as seconds since qemu started ("-" when it did not start).</summary>
    internal string Reached()
    {
        if (QemuStart is not { } t0)
        {
            return "-";
        }
        (string Name, double? At)[] markers =
        [
            ("init 1", Init1), ("app 1", App1), ("reset", Reset), ("init 2", Init2), ("app 2", App2), ("validated", Validated),
        ];
        return string.Join(", ", markers.Where(m => m.At is not null)
            .Select(m => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Name} {m.At!.Value - t0:F2} s")));
    }

    /// <summary>Why the run does not count, or null when every marker came and the scenario passed.</summary>
    internal string? Failure(int exitCode)
    {
        if (exitCode != 0)
        {
            return $"box/box exited with {exitCode}" + (Result is null ? "" : $" ({Result})");
        }
        if (Result != ExpectedResult)
        {
            return $"result line was '{Result ?? "(none)"}', not '{ExpectedResult}'";
        }
        (string Name, double? At)[] markers =
        [
            ("qemu starts", QemuStart), ("box init: boot 1", Init1), ("first app log line of boot 1", App1), ("box: rebooting", Reset),
            ("box init: boot 2", Init2), ("first app log line of boot 2", App2), ("validated after", Validated),
        ];
        string[] missing = [.. markers.Where(m => m.At is null).Select(m => m.Name)];
        return missing.Length > 0 ? "no " + string.Join(", no ", missing) : null;
    }
}
