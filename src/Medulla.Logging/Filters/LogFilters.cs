
namespace Medulla.Logging;

/// <summary>How a domain filter compares the event's domain with its own.</summary>
public enum DomainComparison
{
    /// <summary>The event's domain equals the filter's domain or lies below it (the filter's is a prefix).</summary>
    Sub,
    /// <summary>The event's domain equals the filter's domain or lies above it (the event's is a prefix).</summary>
    Super,
    /// <summary>The domains are equal.</summary>
    Equal,
    /// <summary>The domains differ, or the event has none.</summary>
    NotEqual,
    /// <summary>The event has no domain.</summary>
    Undefined,
}

/// <summary>How a level filter compares the event's severity with its own (more severe is greater).</summary>
public enum LevelComparison
{
    /// <summary>The event is less severe.</summary>
    LessThan,
    /// <summary>The event is less severe or equally severe.</summary>
    LessOrEqual,
    /// <summary>The event is equally severe.</summary>
    Equal,
    /// <summary>The event is not equally severe.</summary>
    NotEqual,
    /// <summary>The event is more severe or equally severe.</summary>
    GreaterOrEqual,
    /// <summary>The event is more severe.</summary>
    GreaterThan,
}

/// <summary>
/// The built-in filters. Each returns its on-match action (log or stop) when its condition holds
/// and ignore otherwise, as OTP's logger_filters do.
/// </summary>
public static class LogFilters
{
    /// <summary>Matches on the event's domain.</summary>
    public static LogFilter Domain(string id, FilterAction onMatch, DomainComparison comparison, IReadOnlyList<string> domain)
    {
        CheckAction(onMatch);
        ArgumentNullException.ThrowIfNull(domain);
        string[] mine = [.. domain];
        return new LogFilter(id, (e, _) => DomainMatches(e.Domain, comparison, mine) ? Result(onMatch) : FilterResult.Ignore);
    }

    /// <summary>Matches on the event's severity compared with <paramref name="level"/>.</summary>
    public static LogFilter Level(string id, FilterAction onMatch, LevelComparison comparison, Level level)
    {
        CheckAction(onMatch);
        if (!level.IsSeverity())
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "compare with one of the eight severities");
        }
        return new LogFilter(id, (e, _) => LevelMatches(e.Level, comparison, level) ? Result(onMatch) : FilterResult.Ignore);
    }

    /// <summary>Matches events whose category is <paramref name="prefix"/> or lies below it ("A.B" matches "A.B.C", not "A.BC").</summary>
    public static LogFilter Category(string id, FilterAction onMatch, string prefix)
    {
        CheckAction(onMatch);
        ArgumentNullException.ThrowIfNull(prefix);
        return new LogFilter(id, (e, _) => CategoryMatches(e.Category, prefix) ? Result(onMatch) : FilterResult.Ignore);
    }

    internal static bool CategoryMatches(string category, string prefix) =>
        prefix.Length == 0 ||
        (category.StartsWith(prefix, StringComparison.Ordinal) &&
         (category.Length == prefix.Length || category[prefix.Length] == '.'));

    internal static bool DomainMatches(IReadOnlyList<string>? eventDomain, DomainComparison comparison, string[] filterDomain) =>
        comparison switch
        {
            DomainComparison.Undefined => eventDomain is null,
            DomainComparison.NotEqual => eventDomain is null || !SameDomain(eventDomain, filterDomain),
            _ when eventDomain is null => false,
            DomainComparison.Equal => SameDomain(eventDomain, filterDomain),
            DomainComparison.Sub => IsPrefixOf(filterDomain, eventDomain),
            DomainComparison.Super => IsPrefixOf(eventDomain, filterDomain),
            _ => false,
        };

    internal static bool LevelMatches(Level eventLevel, LevelComparison comparison, Level level)
    {
        // Severity grows as the integer falls: "greater" means a smaller integer.
        int order = ((int)level).CompareTo((int)eventLevel);
        return comparison switch
        {
            LevelComparison.LessThan => order < 0,
            LevelComparison.LessOrEqual => order <= 0,
            LevelComparison.Equal => order == 0,
            LevelComparison.NotEqual => order != 0,
            LevelComparison.GreaterOrEqual => order >= 0,
            LevelComparison.GreaterThan => order > 0,
            _ => false,
        };
    }

    private static bool SameDomain(IReadOnlyList<string> a, string[] b) => a.Count == b.Length && IsPrefixOf(a, b);

    private static bool IsPrefixOf(IReadOnlyList<string> prefix, IReadOnlyList<string> whole)
    {
        if (prefix.Count > whole.Count)
        {
            return false;
        }
        for (int i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(prefix[i], whole[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static FilterResult Result(FilterAction action) => action == FilterAction.Log ? FilterResult.Log() : FilterResult.Stop;

    private static void CheckAction(FilterAction onMatch)
    {
        if (onMatch == FilterAction.Ignore)
        {
            throw new ArgumentException("a built-in filter's action on match is log or stop", nameof(onMatch));
        }
    }
}
