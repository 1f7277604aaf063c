using System.Collections.Immutable;

namespace Medulla.Logging;

/// <summary>
/// Primary configuration of a <see cref="LogSystem"/>: the level every event must pass (unless a
/// category override replaces it), the primary filters, and metadata shared by all events.
/// </summary>
public sealed record LoggerConfig
{
    /// <summary>Default 8 KiB: long enough for any sane line, short enough to keep a flood of huge messages cheap.</summary>
    public const int DefaultMessageTruncation = 8 * 1024;

    /// <summary>The smallest <see cref="MessageTruncation"/> other than 0 (off).</summary>
    public const int MinimumMessageTruncation = 32;

    /// <summary>Primary level (default info: .NET apps expect Information to show).</summary>
    public Level Level { get; init; } = Level.Info;

    /// <summary>Per-category levels replacing the primary level: dotted prefix match, longest wins.</summary>
    public ImmutableDictionary<string, Level> CategoryLevels { get; init; } = ImmutableDictionary<string, Level>.Empty;

    /// <summary>Primary filters, run before any handler's.</summary>
    public ImmutableArray<LogFilter> Filters { get; init; } = [];

    /// <summary>What happens to an event every primary filter ignored.</summary>
    public FilterDefault FilterDefault { get; init; } = FilterDefault.Log;

    /// <summary>Metadata attached to every event (for example the device's serial number).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Metadata { get; init; } = [];

    /// <summary>Message bodies longer than this many UTF-8 bytes are cut (never inside a character) and end with " (truncated)"; 0 disables.</summary>
    public int MessageTruncation { get; init; } = DefaultMessageTruncation;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    public void Validate()
    {
        if (Level is < Level.None or > Level.All)
        {
            throw new ArgumentException($"Level {Level} is not a level; expected one of {Levels.AllowedNames}");
        }
        foreach ((string category, Level level) in CategoryLevels)
        {
            if (level is < Level.None or > Level.All)
            {
                throw new ArgumentException($"category '{category}': {level} is not a level; expected one of {Levels.AllowedNames}");
            }
        }
        if (MessageTruncation is < 0 or (> 0 and < MinimumMessageTruncation))
        {
            throw new ArgumentException($"MessageTruncation must be 0 (off) or at least {MinimumMessageTruncation} bytes, not {MessageTruncation}");
        }
    }

    /// <summary>The threshold for a category: the longest matching override, else the primary level.</summary>
    public Level LevelFor(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        Level level = Level;
        int longest = -1;
        foreach ((string prefix, Level overrideLevel) in CategoryLevels)
        {
            if (prefix.Length > longest && LogFilters.CategoryMatches(category, prefix))
            {
                longest = prefix.Length;
                level = overrideLevel;
            }
        }
        return level;
    }
}
