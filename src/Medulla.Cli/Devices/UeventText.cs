using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Medulla.Devices;

namespace Medulla.Cli.Devices;

/// <summary>
/// How <c>medulla uevent monitor</c> and <c>medulla devices</c> print: text as
/// <c>udevadm monitor --kernel --property</c> does, or one JSON object per line whose members are the
/// kernel's KEY=VALUE pairs, named exactly as the kernel names them, every value a string.
/// </summary>
internal static class UeventText
{
    // Values are text for scripts, not for a web page: escaping '<' or non-ASCII would only get in the way.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>KERNEL[uptime] action devpath (subsystem)</c>, then the properties one per line, then an empty
    /// line; the time is seconds since boot (the monotonic clock), as udevadm prints it.
    /// </summary>
    internal static string Event(DeviceEvent e)
    {
        double uptime = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"KERNEL[{uptime:F6}] {e.Action.ToKernelName(),-8} {e.DevPath} ({e.Subsystem ?? "-"})\n");
        foreach ((string key, string value) in e.Properties)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
        return text.Append('\n').ToString();
    }

    /// <summary>The event's KEY=VALUE pairs as one JSON object (ACTION, DEVPATH, SUBSYSTEM, SEQNUM, ...).</summary>
    internal static string EventJson(DeviceEvent e) => Json(e.Properties);

    /// <summary><c>devpath subsystem devname</c> ("-" for what a device lacks).</summary>
    internal static string Device(Device d) => $"{d.DevPath} {d.Subsystem ?? "-"} {d.DevName ?? "-"}";

    /// <summary>DEVPATH, SUBSYSTEM and the properties of the device's <c>uevent</c> file as one JSON object.</summary>
    internal static string DeviceJson(Device d)
    {
        var members = new List<KeyValuePair<string, string>> { new("DEVPATH", d.DevPath) };
        if (d.Subsystem is { } subsystem)
        {
            members.Add(new("SUBSYSTEM", subsystem));
        }
        members.AddRange(d.Properties.Where(p => p.Key is not ("DEVPATH" or "SUBSYSTEM")));
        return Json(members);
    }

    private static string Json(IEnumerable<KeyValuePair<string, string>> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            foreach ((string key, string value) in members)
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
