using System.Collections.Immutable;
using Medulla.Logging;

namespace Medulla.Pstore;

/// <summary>Settings of a pmsg handler (<see cref="PmsgHandler.Create"/>).</summary>
public sealed record PmsgHandlerOptions
{
    /// <summary>The pmsg device of the first (usually only) pstore backend.</summary>
    public const string DefaultPath = "/dev/pmsg0";

    /// <summary>The default handler id.</summary>
    public const string DefaultId = "pmsg";

    /// <summary>
    /// The default level: the ring holds a few thousand lines at most, so it keeps what explains a reboot
    /// (warnings and worse) instead of routine information that would push it out.
    /// </summary>
    public const Level DefaultLevel = Level.Warning;

    /// <summary>Handler id (default "pmsg").</summary>
    public string Id { get; init; } = DefaultId;

    /// <summary>The device (default <c>/dev/pmsg0</c>).</summary>
    public string Path { get; init; } = DefaultPath;

    /// <summary>Events less severe than this are not written (default warning).</summary>
    public Level Level { get; init; } = DefaultLevel;

    /// <summary>Handler filters, run after the primary filters.</summary>
    public ImmutableArray<LogFilter> Filters { get; init; } = [];

    /// <summary>The formatter (default: <see cref="PmsgHandler.CreateFormatter"/>, one self-contained line per event).</summary>
    public ILogFormatter? Formatter { get; init; }

    /// <summary>Overload protection (default: the logging core's defaults).</summary>
    public OverloadOptions Overload { get; init; } = new();
}
