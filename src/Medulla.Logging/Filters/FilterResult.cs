
namespace Medulla.Logging;

/// <summary>What a filter decided.</summary>
public enum FilterAction
{
    /// <summary>Log the event (possibly a modified one); later filters still run.</summary>
    Log,
    /// <summary>Drop the event; no later filter runs.</summary>
    Stop,
    /// <summary>No opinion; later filters, then the filter default, decide.</summary>
    Ignore,
}

/// <summary>A filter's answer: an action and, for <see cref="FilterAction.Log"/>, optionally a replacement event.</summary>
public readonly struct FilterResult
{
    private FilterResult(FilterAction action, LogEvent? replacement)
    {
        Action = action;
        Replacement = replacement;
    }

    /// <summary>The action.</summary>
    public FilterAction Action { get; }

    /// <summary>The event to log instead of the original, if the filter changed it.</summary>
    public LogEvent? Replacement { get; }

    /// <summary>Log the event unchanged.</summary>
    public static FilterResult Log() => new(FilterAction.Log, null);

    /// <summary>Log <paramref name="replacement"/> instead of the event.</summary>
    public static FilterResult Log(LogEvent replacement) => new(FilterAction.Log, replacement);

    /// <summary>Drop the event.</summary>
    public static FilterResult Stop => new(FilterAction.Stop, null);

    /// <summary>No opinion.</summary>
    public static FilterResult Ignore => new(FilterAction.Ignore, null);
}

/// <summary>What happens to an event that every filter ignored.</summary>
public enum FilterDefault
{
    /// <summary>Log it (the default).</summary>
    Log,
    /// <summary>Drop it.</summary>
    Stop,
}
