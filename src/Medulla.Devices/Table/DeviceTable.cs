namespace Medulla.Devices;

/// <summary>
/// The devices of the system keyed by devpath, with indexes by subsystem and by DEVNAME, kept current by
/// applying uevents. Parents and children are found by devpath: a device's parent is the nearest device
/// in the table whose devpath is a prefix of its own (as /sys nests them). Thread-safe: every read returns
/// immutable devices or a copied list, a snapshot of one moment.
/// </summary>
public sealed class DeviceTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Device> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _bySubsystem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byDevName = new(StringComparer.Ordinal);

    /// <summary>How many devices the table holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byPath.Count;
            }
        }
    }

    /// <summary>Every device, ordered by devpath.</summary>
    public IReadOnlyList<Device> Snapshot()
    {
        lock (_lock)
        {
            return [.. _byPath.Values.OrderBy(d => d.DevPath, StringComparer.Ordinal)];
        }
    }

    /// <summary>The device at <paramref name="devPath"/>, or null.</summary>
    public Device? Get(string devPath)
    {
        ArgumentNullException.ThrowIfNull(devPath);
        lock (_lock)
        {
            return _byPath.GetValueOrDefault(devPath);
        }
    }

    /// <summary>The devices of a subsystem, ordered by devpath.</summary>
    public IReadOnlyList<Device> BySubsystem(string subsystem)
    {
        ArgumentNullException.ThrowIfNull(subsystem);
        lock (_lock)
        {
            return _bySubsystem.TryGetValue(subsystem, out HashSet<string>? paths)
                ? [.. paths.Select(p => _byPath[p]).OrderBy(d => d.DevPath, StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>The device whose DEVNAME is <paramref name="devName"/> (<c>loop0</c> or <c>/dev/loop0</c>), or null.</summary>
    public Device? ByDevName(string devName)
    {
        ArgumentNullException.ThrowIfNull(devName);
        string name = devName.StartsWith("/dev/", StringComparison.Ordinal) ? devName[5..] : devName;
        lock (_lock)
        {
            return _byDevName.TryGetValue(name, out string? path) ? _byPath[path] : null;
        }
    }

    /// <summary>The devices that have property <paramref name="key"/> equal to <paramref name="value"/>, ordered by devpath.</summary>
    public IReadOnlyList<Device> WithProperty(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return [.. Snapshot().Where(d => d.Get(key) == value)];
    }

    /// <summary>The device's direct children: the devices whose nearest ancestor in the table is it, ordered by devpath.</summary>
    public IReadOnlyList<Device> ChildrenOf(string devPath)
    {
        ArgumentNullException.ThrowIfNull(devPath);
        string prefix = devPath.TrimEnd('/') + "/";
        lock (_lock)
        {
            return [.. _byPath.Values
                .Where(d => d.DevPath.StartsWith(prefix, StringComparison.Ordinal) && NearestAncestorLocked(d.DevPath) == devPath.TrimEnd('/'))
                .OrderBy(d => d.DevPath, StringComparer.Ordinal)];
        }
    }

    /// <summary>The device's parent: the nearest device in the table above it in /sys, or null.</summary>
    public Device? ParentOf(string devPath)
    {
        ArgumentNullException.ThrowIfNull(devPath);
        lock (_lock)
        {
            string? parent = NearestAncestorLocked(devPath);
            return parent is null ? null : _byPath[parent];
        }
    }

    /// <summary>
    /// Applies an event: <c>add</c>, <c>change</c>, <c>online</c>, <c>offline</c> and <c>bind</c> store the
    /// device with the event's properties; <c>unbind</c> also drops DRIVER; <c>remove</c> deletes it;
    /// <c>move</c> deletes DEVPATH_OLD and re-keys the devices below it to the new path.
    /// </summary>
    public void Apply(DeviceEvent uevent)
    {
        ArgumentNullException.ThrowIfNull(uevent);
        lock (_lock)
        {
            switch (uevent.Action)
            {
                case DeviceAction.Remove:
                    RemoveLocked(uevent.DevPath);
                    break;
                case DeviceAction.Move:
                    MoveLocked(uevent);
                    break;
                case DeviceAction.Unbind:
                    var withoutDriver = new Dictionary<string, string>(uevent.Properties, StringComparer.Ordinal);
                    withoutDriver.Remove("DRIVER");
                    PutLocked(new Device(uevent.DevPath, uevent.Subsystem, withoutDriver));
                    break;
                default:
                    PutLocked(new Device(uevent.DevPath, uevent.Subsystem, uevent.Properties));
                    break;
            }
        }
    }

    /// <summary>Stores <paramref name="device"/>, replacing any device with its devpath (coldplug).</summary>
    public void Put(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (_lock)
        {
            PutLocked(device);
        }
    }

    /// <summary>
    /// Makes the table equal to <paramref name="scanned"/> (a fresh read of sysfs) and returns the
    /// differences as <see cref="DeviceEventSource.Rescan"/> events: <c>remove</c> for devices gone,
    /// <c>add</c> for new ones, <c>change</c> for changed properties.
    /// </summary>
    public IReadOnlyList<DeviceEvent> Reconcile(IEnumerable<Device> scanned)
    {
        ArgumentNullException.ThrowIfNull(scanned);
        var fresh = new Dictionary<string, Device>(StringComparer.Ordinal);
        foreach (Device device in scanned)
        {
            fresh[device.DevPath] = device;
        }
        var events = new List<DeviceEvent>();
        lock (_lock)
        {
            foreach (Device gone in _byPath.Values.Where(d => !fresh.ContainsKey(d.DevPath)).OrderByDescending(d => d.DevPath, StringComparer.Ordinal).ToList())
            {
                RemoveLocked(gone.DevPath);
                events.Add(new DeviceEvent(DeviceAction.Remove, gone.DevPath, gone.ToEventProperties(DeviceAction.Remove), DeviceEventSource.Rescan));
            }
            foreach (Device device in fresh.Values.OrderBy(d => d.DevPath, StringComparer.Ordinal))
            {
                Device? old = _byPath.GetValueOrDefault(device.DevPath);
                if (old is not null && old.SameAs(device))
                {
                    continue;
                }
                DeviceAction action = old is null ? DeviceAction.Add : DeviceAction.Change;
                PutLocked(device);
                events.Add(new DeviceEvent(action, device.DevPath, device.ToEventProperties(action), DeviceEventSource.Rescan));
            }
        }
        return events;
    }

    private void MoveLocked(DeviceEvent uevent)
    {
        string? oldPath = uevent.DevPathOld;
        if (oldPath is not null && oldPath != uevent.DevPath)
        {
            string oldPrefix = oldPath + "/";
            foreach (Device below in _byPath.Values.Where(d => d.DevPath.StartsWith(oldPrefix, StringComparison.Ordinal)).ToList())
            {
                RemoveLocked(below.DevPath);
                PutLocked(new Device(uevent.DevPath + below.DevPath[oldPath.Length..], below.Subsystem, below.Properties));
            }
            RemoveLocked(oldPath);
        }
        PutLocked(new Device(uevent.DevPath, uevent.Subsystem, uevent.Properties));
    }

    private void PutLocked(Device device)
    {
        RemoveLocked(device.DevPath);
        _byPath[device.DevPath] = device;
        if (device.Subsystem is not null)
        {
            if (!_bySubsystem.TryGetValue(device.Subsystem, out HashSet<string>? paths))
            {
                _bySubsystem[device.Subsystem] = paths = new HashSet<string>(StringComparer.Ordinal);
            }
            paths.Add(device.DevPath);
        }
        if (device.DevName is { } name)
        {
            _byDevName[name] = device.DevPath;
        }
    }

    private void RemoveLocked(string devPath)
    {
        if (!_byPath.Remove(devPath, out Device? old))
        {
            return;
        }
        if (old.Subsystem is not null && _bySubsystem.TryGetValue(old.Subsystem, out HashSet<string>? paths))
        {
            paths.Remove(devPath);
            if (paths.Count == 0)
            {
                _bySubsystem.Remove(old.Subsystem);
            }
        }
        if (old.DevName is { } name && _byDevName.TryGetValue(name, out string? owner) && owner == devPath)
        {
            _byDevName.Remove(name);
        }
    }

    private string? NearestAncestorLocked(string devPath)
    {
        string path = devPath.TrimEnd('/');
        while (true)
        {
            int slash = path.LastIndexOf('/');
            if (slash <= 0)
            {
                return null;
            }
            path = path[..slash];
            if (_byPath.ContainsKey(path))
            {
                return path;
            }
        }
    }
}
