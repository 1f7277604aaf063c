namespace Medulla.Devices;

/// <summary>The action of a uevent: the kernel's kobject actions (lib/kobject_uevent.c), named as it names them in lower case.</summary>
public enum DeviceAction
{
    /// <summary><c>add</c>: a device appeared (or coldplug asked the kernel to re-announce it).</summary>
    Add,

    /// <summary><c>remove</c>: a device went away.</summary>
    Remove,

    /// <summary><c>change</c>: a device's state changed (media inserted, a loop device attached or detached).</summary>
    Change,

    /// <summary><c>move</c>: a device was renamed or moved; <see cref="DeviceEvent.DevPathOld"/> is its old path.</summary>
    Move,

    /// <summary><c>online</c>: a device (a CPU, memory) was brought online.</summary>
    Online,

    /// <summary><c>offline</c>: a device was taken offline.</summary>
    Offline,

    /// <summary><c>bind</c>: a driver was bound to the device (DRIVER names it).</summary>
    Bind,

    /// <summary><c>unbind</c>: the driver was unbound from the device.</summary>
    Unbind,
}

/// <summary>Where a <see cref="DeviceEvent"/> came from.</summary>
public enum DeviceEventSource
{
    /// <summary>A uevent the kernel sent on netlink.</summary>
    Kernel,

    /// <summary>A difference found by re-reading sysfs after the kernel dropped uevents (ENOBUFS).</summary>
    Rescan,
}

/// <summary>The names of <see cref="DeviceAction"/> as the kernel writes them.</summary>
public static class DeviceActions
{
    /// <summary>The kernel's name of the action: <c>add</c>, <c>remove</c>, ...</summary>
    public static string ToKernelName(this DeviceAction action) => action switch
    {
        DeviceAction.Add => "add",
        DeviceAction.Remove => "remove",
        DeviceAction.Change => "change",
        DeviceAction.Move => "move",
        DeviceAction.Online => "online",
        DeviceAction.Offline => "offline",
        DeviceAction.Bind => "bind",
        DeviceAction.Unbind => "unbind",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a kernel uevent action"),
    };

    /// <summary>Reads a kernel action name (exact, lower case, as the kernel sends it).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out DeviceAction action)
    {
        switch (name)
        {
            case "add": action = DeviceAction.Add; return true;
            case "remove": action = DeviceAction.Remove; return true;
            case "change": action = DeviceAction.Change; return true;
            case "move": action = DeviceAction.Move; return true;
            case "online": action = DeviceAction.Online; return true;
            case "offline": action = DeviceAction.Offline; return true;
            case "bind": action = DeviceAction.Bind; return true;
            case "unbind": action = DeviceAction.Unbind; return true;
            default: action = default; return false;
        }
    }
}
