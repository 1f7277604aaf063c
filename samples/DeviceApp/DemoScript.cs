namespace DeviceApp;

/// <summary>One step of the device's script: an action and its count (0 when none was given).</summary>
internal readonly record struct DemoStep(string Action, int Count)
{
    public int CountOr(int fallback) => Count > 0 ? Count : fallback;
}

/// <summary>
/// The actions the device was started with, run in order: e.g. <c>demo 2000 crash</c>. Each action
/// word may be followed by a count.
/// </summary>
internal sealed class DemoScript
{
    /// <summary>Every action the device knows, for the usage text and for rejecting typos.</summary>
    public static readonly string[] Actions = ["demo", "run", "burst", "crash", "hang", "reboot", "poweroff", "report", "pmsg-lines", "mark", "flood", "help"];

    public DemoScript(string[] args)
    {
        var steps = new List<DemoStep>();
        for (int i = 0; i < args.Length; i++)
        {
            string action = args[i].ToLowerInvariant();
            int count = 0;
            if (i + 1 < args.Length && int.TryParse(args[i + 1], out int n) && n > 0)
            {
                count = n;
                i++;
            }
            steps.Add(new DemoStep(action, count));
        }
        Steps = steps.Count > 0 ? steps : [new DemoStep("demo", 0)];
    }

    public IReadOnlyList<DemoStep> Steps { get; }

    public static string Usage =>
        "usage: DeviceApp [ACTION [COUNT]]...  actions run in order; none = demo\n" +
        "  demo [N]        log through every handler, then a burst of N events (default 20000)\n" +
        "  burst [N]       log N events from the zero-allocation API\n" +
        "  run             log a line every second until stopped\n" +
        "  crash           die of an unhandled exception\n" +
        "  hang            deadlock two threads (for the heart)\n" +
        "  reboot          reboot the device through Medulla's power path (Device:PowerActions; else exit status 3)\n" +
        "  poweroff        power the device off through Medulla's power path (Device:PowerActions; else exit status 3)\n" +
        "  report          only the start-up work: print the previous boot's pmsg lines, Medulla archives its pstore records\n" +
        "  pmsg-lines [N]  write N warning lines to the pmsg handler (default 300)\n" +
        "  mark N          write \"boot mark N\" to the pmsg handler only (never to the console)\n" +
        "  flood [N]       flood the pmsg handler with N events and measure responsiveness (default 100000)";
}
