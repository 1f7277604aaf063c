namespace Medulla.Heart;

/// <summary>Where medulla-heart writes its log lines.</summary>
public enum HeartLogTarget
{
    /// <summary>/dev/kmsg when it can be opened for writing, else stderr.</summary>
    Auto,

    /// <summary>/dev/kmsg (falls back to stderr when it cannot be opened).</summary>
    Kmsg,

    /// <summary>stderr.</summary>
    Stderr,
}
