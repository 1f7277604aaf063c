namespace Medulla.Logging;

/// <summary>Settings of a <see cref="JsonLinesFormatter"/>.</summary>
public sealed record JsonLinesFormatterOptions
{
    /// <summary>Time in UTC ("...Z", default true); false: local time with its offset ("...+01:00").</summary>
    public bool UtcTime { get; init; } = true;
}
