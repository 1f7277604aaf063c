namespace Medulla.Devices;

/// <summary>
/// Which events a subscription gets: all of the given conditions hold. An empty set of actions or
/// subsystems, or no properties, means "any".
/// </summary>
public sealed class DeviceEventFilter
{
    /// <summary>The actions wanted; empty for all.</summary>
    public ISet<DeviceAction> Actions { get; } = new HashSet<DeviceAction>();

    /// <summary>The subsystems wanted (exact names); empty for all.</summary>
    public ISet<string> Subsystems { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Properties the event must have with exactly these values (all of them).</summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="uevent"/> passes.</summary>
    public bool Matches(DeviceEvent uevent)
    {
        ArgumentNullException.ThrowIfNull(uevent);
        if (Actions.Count > 0 && !Actions.Contains(uevent.Action))
        {
            return false;
        }
        if (Subsystems.Count > 0 && (uevent.Subsystem is not { } subsystem || !Subsystems.Contains(subsystem)))
        {
            return false;
        }
        foreach (KeyValuePair<string, string> pair in Properties)
        {
            if (uevent.Get(pair.Key) != pair.Value)
            {
                return false;
            }
        }
        return true;
    }
}
