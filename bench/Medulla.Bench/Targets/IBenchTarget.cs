namespace Medulla.Bench.Targets;

/// <summary>
/// One library set up to write the bench event to a file. Disposing it flushes everything to the file
/// and disposes the logger, returning when all is written (this is inside the measured time). The loops live in each implementation so the
/// logging call is the library's own, direct call (no interface call per event).
/// </summary>
internal interface IBenchTarget : IDisposable
{
    /// <summary>
    /// Creates the logger writing into <paramref name="directory"/>. With <paramref name="infoEnabled"/>
    /// false the logger's level is warning, so the info call in <see cref="LogDisabled"/> is filtered.
    /// <paramref name="threads"/> is how many threads will log concurrently.
    /// </summary>
    void Open(string directory, bool infoEnabled, int threads);

    /// <summary>Logs events <paramref name="first"/> .. first+count-1 at info. Safe to call from several threads.</summary>
    void Log(long first, int count);

    /// <summary>Makes the same info call <paramref name="count"/> times with the logger at warning.</summary>
    void LogDisabled(long count);

    /// <summary>Events the library says it dropped (read during disposal); null when it does not tell.</summary>
    long? Dropped { get; }

    /// <summary>How the library was configured, for the report.</summary>
    string Description { get; }
}
