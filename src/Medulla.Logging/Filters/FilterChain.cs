using System.Collections.Immutable;

namespace Medulla.Logging;

/// <summary>Runs an ordered list of filters with OTP's semantics.</summary>
internal static class FilterChain
{
    /// <summary>
    /// Returns the event to log (the original or a replacement), or null when the chain stops it.
    /// A throwing filter is passed to <paramref name="onFilterFailed"/> and treated as ignore.
    /// </summary>
    internal static LogEvent? Run(
        ImmutableArray<LogFilter> filters,
        FilterDefault filterDefault,
        LogEvent logEvent,
        Action<LogFilter, Exception> onFilterFailed)
    {
        if (filters.IsDefaultOrEmpty)
        {
            return logEvent;
        }
        bool logged = false;
        foreach (LogFilter filter in filters)
        {
            FilterResult result;
            try
            {
                result = filter.Apply(logEvent);
            }
#pragma warning disable CA1031 // a user filter may throw anything; it must not break logging
            catch (Exception ex)
#pragma warning restore CA1031
            {
                onFilterFailed(filter, ex);
                continue;
            }
            switch (result.Action)
            {
                case FilterAction.Stop:
                    return null;
                case FilterAction.Log:
                    logged = true;
                    if (result.Replacement is not null)
                    {
                        logEvent = result.Replacement;
                    }
                    break;
            }
        }
        return logged || filterDefault == FilterDefault.Log ? logEvent : null;
    }
}
