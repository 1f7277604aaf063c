using System.CommandLine;
using Medulla.Cli.Devices;
using Medulla.Devices;

namespace Medulla.Cli.Commands;

/// <summary>
/// <c>medulla uevent monitor</c>: the kernel's uevents as they arrive; <c>medulla devices</c>: the devices
/// under /sys/devices as coldplug reads them. Both filter by <c>--subsystem</c> (repeatable) and print
/// text or, with <c>--json</c>, one JSON object per line (docs/devices.md, "Command line").
/// </summary>
internal static class DeviceCommands
{
    internal static Command Uevent()
    {
        var monitor = new Command("monitor", "Print the kernel's uevents as they arrive (like udevadm monitor --kernel --property) until interrupted");
        Option<string[]> subsystems = SubsystemOption();
        var properties = new Option<string[]>("--property")
        {
            Description = "Only events with this property value (repeatable: all must match)",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        Option<bool> json = JsonOption();
        monitor.Options.Add(subsystems);
        monitor.Options.Add(properties);
        monitor.Options.Add(json);
        monitor.SetAction(async (parse, cancellationToken) =>
        {
            var filter = new DeviceEventFilter();
            foreach (string s in parse.GetValue(subsystems) ?? [])
            {
                filter.Subsystems.Add(s);
            }
            foreach (string p in parse.GetValue(properties) ?? [])
            {
                int equals = p.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    return MedullaCli.Fail(parse.InvocationConfiguration.Error, $"--property '{p}' is not KEY=VALUE", MedullaCli.UsageError);
                }
                filter.Properties[p[..equals]] = p[(equals + 1)..];
            }
            bool asJson = parse.GetValue(json);
            TextWriter output = parse.InvocationConfiguration.Output;
            await using var deviceMonitor = new DeviceMonitor(new DevicesOptions { Listen = true, Coldplug = false });
            using DeviceSubscription subscription = deviceMonitor.Subscribe(filter);
            deviceMonitor.Start();
            // On stderr, so that stdout holds only events: a script (or a test) knows events from now on are seen.
            await parse.InvocationConfiguration.Error.WriteLineAsync("medulla: listening for kernel uevents (interrupt to stop)").ConfigureAwait(false);
            try
            {
                await foreach (DeviceEvent e in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    await output.WriteAsync(asJson ? UeventText.EventJson(e) + "\n" : UeventText.Event(e)).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Interrupted: the normal end of a monitor.
            }
            return MedullaCli.Success;
        });
        return new Command("uevent", "The kernel's device events (netlink uevents)") { monitor };
    }

    internal static Command Devices()
    {
        Option<string[]> subsystems = SubsystemOption();
        Option<bool> json = JsonOption();
        var sysfs = new Option<string>("--sysfs")
        {
            Description = $"The sysfs mount to read (default {SysfsDevices.DefaultRoot})",
            HelpName = "PATH",
            DefaultValueFactory = _ => SysfsDevices.DefaultRoot,
        };
        var command = new Command("devices", "List the devices under /sys/devices with their properties, as coldplug reads them") { subsystems, json, sysfs };
        command.SetAction(parse =>
        {
            string root = parse.GetValue(sysfs)!;
            if (!Directory.Exists(Path.Combine(root, "devices")))
            {
                return MedullaCli.Fail(parse.InvocationConfiguration.Error, $"{root}/devices does not exist (is sysfs mounted?)");
            }
            SysfsScan scan = SysfsDevices.Scan(root);
            var wanted = new HashSet<string>(parse.GetValue(subsystems) ?? [], StringComparer.Ordinal);
            bool asJson = parse.GetValue(json);
            TextWriter output = parse.InvocationConfiguration.Output;
            foreach (Device d in scan.Devices.OrderBy(d => d.DevPath, StringComparer.Ordinal))
            {
                if (wanted.Count == 0 || (d.Subsystem is { } s && wanted.Contains(s)))
                {
                    output.WriteLine(asJson ? UeventText.DeviceJson(d) : UeventText.Device(d));
                }
            }
            foreach (string error in scan.Errors)
            {
                // A device that vanished or cannot be read while listing: said, not fatal.
                parse.InvocationConfiguration.Error.WriteLine("medulla: " + error.ReplaceLineEndings(" "));
            }
            return MedullaCli.Success;
        });
        return command;
    }

    private static Option<string[]> SubsystemOption() => new("--subsystem")
    {
        Description = "Only this subsystem (repeatable)",
        HelpName = "SUBSYSTEM",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<bool> JsonOption() => new("--json")
    {
        Description = "One JSON object per line: the kernel's KEY=VALUE pairs as string members",
    };
}
