namespace Medulla.Logging;

/// <summary>
/// Where a handler's formatted records go: a file, a console, a device. Called only from the handler's
/// own writer thread, never concurrently. Batching, overload protection and formatting are composed
/// around it by <see cref="LogHandler"/>.
/// </summary>
public interface ILogSink : IDisposable
{
    /// <summary>Writes a batch of records. Throwing removes the handler (reported on stderr).</summary>
    void Write(in LogBatch batch);

    /// <summary>
    /// Called when the queue has been idle for the handler's flush delay, and once more before disposal:
    /// push buffered bytes out and make them durable where the medium allows (fsync).
    /// </summary>
    void Flush();
}
