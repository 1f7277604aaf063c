using System.Text;
using Medulla.Linux;

namespace Medulla.Heart;

/// <summary>The names the status report uses for watchdog option bits and boot causes (nerves_heart's).</summary>
public static class WatchdogOptionNames
{
    private static readonly (WatchdogOptions Option, string Name)[] Names =
    [
        (WatchdogOptions.Overheat, "overheat"),
        (WatchdogOptions.FanFault, "fanfault"),
        (WatchdogOptions.External1, "extern1"),
        (WatchdogOptions.External2, "extern2"),
        (WatchdogOptions.PowerUnder, "powerunder"),
        (WatchdogOptions.CardReset, "cardreset"),
        (WatchdogOptions.PowerOver, "powerover"),
        (WatchdogOptions.SetTimeout, "settimeout"),
        (WatchdogOptions.MagicClose, "magicclose"),
        (WatchdogOptions.PreTimeout, "pretimeout"),
        (WatchdogOptions.AlarmOnly, "alarmonly"),
        (WatchdogOptions.KeepAlivePing, "keepaliveping"),
    ];

    /// <summary>"settimeout,magicclose,keepaliveping," — every name followed by a comma, as nerves_heart writes it.</summary>
    public static string Format(WatchdogOptions options)
    {
        var text = new StringBuilder();
        foreach ((WatchdogOptions option, string name) in Names)
        {
            if ((options & option) != 0)
            {
                text.Append(name).Append(',');
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// The cause of the last boot from WDIOC_GETBOOTSTATUS: "power_on" when no bit is set (or the device
    /// does not tell), "watchdog" for a watchdog reset (WDIOF_CARDRESET) or a cause without a name, else
    /// the named cause (overheat, fanfault, extern1, extern2, powerunder, powerover).
    /// </summary>
    public static string LastBoot(WatchdogOptions? bootStatus)
    {
        if (bootStatus is not { } status || status == WatchdogOptions.None)
        {
            return "power_on";
        }
        if ((status & WatchdogOptions.CardReset) != 0)
        {
            return "watchdog";
        }
        foreach ((WatchdogOptions option, string name) in Names)
        {
            if ((status & option & Causes) != 0)
            {
                return name;
            }
        }
        return "watchdog";
    }

    /// <summary>The bits that name a cause of a reset rather than an option of the driver.</summary>
    private const WatchdogOptions Causes = WatchdogOptions.Overheat | WatchdogOptions.FanFault | WatchdogOptions.External1
        | WatchdogOptions.External2 | WatchdogOptions.PowerUnder | WatchdogOptions.PowerOver;
}
