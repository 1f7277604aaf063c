using System.Collections.Immutable;

namespace Medulla.Logging;

/// <summary>An immutable snapshot of what the logging path needs; replaced whole on every change.</summary>
internal sealed record Pipeline(LoggerConfig Config, ImmutableArray<LogHandler> Handlers, int Version)
{
    /// <summary>The most permissive handler level: events beyond it would reach no handler.</summary>
    internal Level MostPermissiveHandlerLevel()
    {
        Level most = Level.None;
        foreach (LogHandler h in Handlers)
        {
            if (h.Level > most)
            {
                most = h.Level;
            }
        }
        return most;
    }

    internal LogHandler? Find(string id)
    {
        foreach (LogHandler h in Handlers)
        {
            if (h.Id == id)
            {
                return h;
            }
        }
        return null;
    }
}
