namespace Medulla.Logging;

/// <summary>Settings of a <see cref="FileSink"/>.</summary>
public sealed record FileSinkOptions
{
    /// <summary>10 MiB, the default <see cref="MaxBytes"/>.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The log file. A relative path is resolved against the current directory when the sink is created.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// The size the file may reach before it is rotated (default 10 MiB); null never rotates. A record
    /// is never split: one that would cross the limit starts the next file.
    /// </summary>
    public long? MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>
    /// How many rotated archives are kept (<c>app.log.0</c> newest .. <c>app.log.{MaxFiles-1}</c> oldest;
    /// default 5). 0 rotates by emptying the file, keeping no archive.
    /// </summary>
    public int MaxFiles { get; init; } = 5;

    /// <summary>Whether rotated archives are gzipped to <c>app.log.N.gz</c> (default false).</summary>
    public bool Compress { get; init; }

    /// <summary>
    /// Under continuous writing, how often at most the file is fsynced (default 5 s); zero fsyncs after
    /// every batch.
    /// </summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>1 MiB, the default <see cref="SyncEveryBytes"/>.</summary>
    public const long DefaultSyncEveryBytes = 1024 * 1024;

    /// <summary>
    /// Under continuous writing, start an fsync on a thread-pool thread whenever this many bytes were
    /// written since the last one (default 1 MiB); null syncs only on <see cref="SyncInterval"/>, idle
    /// and close. Bounds what a power cut can take from a flood, and spreads the device's work over the
    /// flood rather than leaving it all to the fsync that ends it, without stalling the writer.
    /// </summary>
    public long? SyncEveryBytes { get; init; } = DefaultSyncEveryBytes;

    /// <summary>Whether the idle flush (and so every quiet moment) fsyncs what was written (default true).</summary>
    public bool SyncOnFlush { get; init; } = true;

    /// <summary>Whether a missing directory of <see cref="Path"/> is created (default true).</summary>
    public bool CreateDirectory { get; init; } = true;

    /// <summary>
    /// A gate held while the file's file system is not ready yet (the data partition not mounted): when it
    /// is held as the sink is created, the file is opened only by the first write, on the handler's writer
    /// thread, once the gate opens (or after <see cref="WriteGate.Limit"/>). Null (the default): the file is
    /// opened at once.
    /// </summary>
    public WriteGate? OpenGate { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting and what it allows.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("file sink: Path is required (the log file to write)");
        }
        if (Path.EndsWith('/'))
        {
            throw new ArgumentException($"file sink: Path '{Path}' names a directory; expected a file");
        }
        if (MaxBytes is <= 0)
        {
            throw new ArgumentException($"file sink '{Path}': MaxBytes {MaxBytes} must be positive, or null to never rotate");
        }
        if (MaxFiles < 0)
        {
            throw new ArgumentException($"file sink '{Path}': MaxFiles {MaxFiles} must be 0 (rotate by emptying the file) or more");
        }
        if (SyncEveryBytes is <= 0)
        {
            throw new ArgumentException($"file sink '{Path}': SyncEveryBytes {SyncEveryBytes} must be positive, or null to sync only on the interval, idle and close");
        }
        if (SyncInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"file sink '{Path}': SyncInterval {SyncInterval} must not be negative (zero syncs after every batch)");
        }
    }
}
