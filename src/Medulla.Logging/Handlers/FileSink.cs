using System.IO.Compression;
using Medulla.Linux;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Logging;

/// <summary>
/// Appends records to a file, rotating it by size, following it when it is moved or deleted, and
/// fsyncing it when the handler goes idle and, under continuous load, after every
/// <see cref="FileSinkOptions.SyncEveryBytes"/> written and at most every <see cref="FileSinkOptions.SyncInterval"/>.
/// </summary>
/// <remarks>
/// <para>
/// The file is opened with O_APPEND and kept open; each contiguous run of records is one write(2),
/// straight to the kernel (no user-space buffer, so nothing is lost if the process dies).
/// </para>
/// <para>
/// Rotation (as Erlang/OTP's logger_std_h): before a record that would make the file larger than
/// <see cref="FileSinkOptions.MaxBytes"/>, the file is fsynced and closed, the archives shift up
/// (<c>app.log.0</c> to <c>app.log.1</c> ..., the oldest deleted), the file becomes <c>app.log.0</c>
/// (gzipped to <c>app.log.0.gz</c> with <see cref="FileSinkOptions.Compress"/>), and a fresh file is
/// opened. Records are never split across files; one larger than the limit fills a file alone. The size
/// of a file that already existed counts. With <see cref="FileSinkOptions.MaxFiles"/> 0 the file is
/// emptied instead. Compression runs on the handler's writer thread, so the queue waits meanwhile.
/// </para>
/// <para>
/// Before each batch the path is compared (one statx) with the open file's (device, inode): if someone
/// moved or deleted it (mv, rm, logrotate without copytruncate), the path is opened anew. What was
/// written before stays in the moved file.
/// </para>
/// <para>
/// Errors: an <see cref="IOException"/> from opening, writing, syncing or rotating propagates; the
/// logging core then removes the handler and reports that on stderr. Add the handler again to resume.
/// </para>
/// </remarks>
public sealed class FileSink : ILogSink
{
    private readonly FileSinkOptions _options;
    private readonly TimeProvider _time;
    private readonly string _directory;
    private SafeFileHandle? _handle;
    private FileIdentity _identity;
    private long _size;
    private bool _unsynced;
    private long _unsyncedBytes;
    private BackgroundFileSync? _background;
    private long _lastSync;
    private bool _disposed;
    private bool _openDeferred;

    /// <summary>
    /// Opens (creating if needed) the file; throws if that fails, so adding the handler fails. When
    /// <see cref="FileSinkOptions.OpenGate"/> is held, the first write opens it instead (and a failure then is
    /// the write's).
    /// </summary>
    /// <param name="options">Validated here.</param>
    /// <param name="time">Clock for <see cref="FileSinkOptions.SyncInterval"/> (default: system clock).</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="IOException">The file or its directory cannot be opened or created.</exception>
    public FileSink(FileSinkOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        FilePath = System.IO.Path.GetFullPath(options.Path);
        _directory = System.IO.Path.GetDirectoryName(FilePath) ?? "/";
        if (options.OpenGate is { IsHeld: true })
        {
            _openDeferred = true;
            return;
        }
        Open();
    }

    /// <summary>The absolute path of the log file.</summary>
    public string FilePath { get; }

    /// <summary>Number of fsyncs of the log file so far by the writer itself (for tests and diagnostics).</summary>
    internal long SyncCount { get; private set; }

    /// <summary>The background syncs of the open file (<see cref="FileSinkOptions.SyncEveryBytes"/>), if any.</summary>
    internal BackgroundFileSync? BackgroundSync => _background;

    /// <inheritdoc />
    /// <exception cref="IOException">Writing, reopening or rotating failed.</exception>
    public void Write(in LogBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_openDeferred)
        {
            // On the writer thread: the app's threads only queue records while the gate is held.
            _openDeferred = false;
            _options.OpenGate!.Wait(WriteGate.Limit);
            Open();
        }
        _background?.ThrowIfFailed();
        ReopenIfReplaced();
        if (_options.MaxBytes is not long maxBytes)
        {
            foreach (ReadOnlySpan<byte> block in batch.Blocks)
            {
                Append(block);
            }
        }
        else
        {
            WriteRotating(batch, maxBytes);
        }
        if (_unsynced && _time.GetElapsedTime(_lastSync) >= _options.SyncInterval)
        {
            Sync();
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        if (!_disposed && _handle is not null && _options.SyncOnFlush && _unsynced)
        {
            Sync();
        }
        _background?.ThrowIfFailed();
    }

    /// <summary>Fsyncs what is not yet durable and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Close();
    }

    /// <summary>
    /// Writes the batch in as few runs as rotation allows. Records sit whole and in order inside the
    /// blocks, so walking the records alongside the blocks finds the record boundaries within each block.
    /// </summary>
    private void WriteRotating(in LogBatch batch, long maxBytes)
    {
        LogBatch.RecordEnumerator records = batch.Records.GetEnumerator();
        foreach (ReadOnlySpan<byte> block in batch.Blocks)
        {
            int runStart = 0;
            int position = 0;
            while (position < block.Length)
            {
                int remaining = block.Length - position;
                int length = records.MoveNext() ? Math.Min(records.Current.Bytes.Length, remaining) : remaining;
                long sizeWithRun = _size + (position - runStart);
                if (length > 0 && sizeWithRun > 0 && sizeWithRun + length > maxBytes)
                {
                    Append(block[runStart..position]);
                    Rotate();
                    runStart = position;
                }
                position += length;
            }
            Append(block[runStart..position]);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        AppendFile.Write(_handle!, bytes, FilePath);
        _size += bytes.Length;
        _unsynced = true;
        _unsyncedBytes += bytes.Length;
        if (_unsyncedBytes >= _options.SyncEveryBytes)
        {
            // Off the writer's thread: a slow device would otherwise stall the queue behind it. The
            // file stays unsynced for the writer until its own fsync, which then has little to do.
            _background?.Request();
            _unsyncedBytes = 0;
        }
    }

    private void ReopenIfReplaced()
    {
        if (_handle is not null && FileIdentity.OfPath(FilePath) == _identity)
        {
            return;
        }
        Close();
        Open();
    }

    private void Open()
    {
        if (_options.CreateDirectory)
        {
            Directory.CreateDirectory(_directory);
        }
        SafeFileHandle handle = AppendFile.Open(FilePath);
        try
        {
            _identity = FileIdentity.OfHandle(handle);
            _size = RandomAccess.GetLength(handle);
            // The file may have just been created or renamed into place: make its name durable too.
            Directories.Sync(_directory);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        _handle = handle;
        _background = _options.SyncEveryBytes is null ? null : new BackgroundFileSync(handle, FilePath);
        _unsynced = false;
        _unsyncedBytes = 0;
        _lastSync = _time.GetTimestamp();
    }

    private void Close()
    {
        SafeFileHandle? handle = _handle;
        if (handle is null)
        {
            return;
        }
        _handle = null;
        BackgroundFileSync? background = _background;
        _background = null;
        try
        {
            background?.WaitIdle();
            if (_unsynced)
            {
                AppendFile.Sync(handle, FilePath);
                _unsynced = false;
                SyncCount++;
            }
            background?.ThrowIfFailed();
        }
        finally
        {
            background?.Dispose();
            handle.Dispose();
        }
    }

    private void Sync()
    {
        AppendFile.Sync(_handle!, FilePath);
        _unsynced = false;
        _unsyncedBytes = 0;
        _lastSync = _time.GetTimestamp();
        SyncCount++;
    }

    private void Rotate()
    {
        if (_options.MaxFiles == 0)
        {
            AppendFile.Truncate(_handle!, FilePath);
            _size = 0;
            _unsynced = true;
            return;
        }
        Close();
        int last = _options.MaxFiles - 1;
        // Also remove archives left beyond the limit by an earlier, larger MaxFiles.
        for (int i = last; DeleteArchive(i); i++)
        {
        }
        for (int i = last - 1; i >= 0; i--)
        {
            MoveIfPresent(ArchivePath(i), ArchivePath(i + 1));
            MoveIfPresent(ArchivePath(i) + ".gz", ArchivePath(i + 1) + ".gz");
        }
        string newest = ArchivePath(0);
        if (MoveIfPresent(FilePath, newest) && _options.Compress)
        {
            Gzip(newest);
        }
        Open();
    }

    private string ArchivePath(int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FilePath}.{index}");

    /// <summary>Deletes archive <paramref name="index"/> in both forms; false when neither existed.</summary>
    private bool DeleteArchive(int index)
    {
        string plain = ArchivePath(index);
        string gz = plain + ".gz";
        bool any = File.Exists(plain) | File.Exists(gz);
        File.Delete(plain);
        File.Delete(gz);
        return any;
    }

    private static bool MoveIfPresent(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Compresses <paramref name="archive"/> into <c>archive.gz</c>: written under a temporary name and
    /// fsynced before the rename, so a crash leaves either the plain archive or a complete .gz.
    /// </summary>
    private static void Gzip(string archive)
    {
        string target = archive + ".gz";
        string temporary = target + ".tmp";
        using (var input = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024))
        using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                input.CopyTo(gzip);
            }
            output.Flush(flushToDisk: true);
        }
        File.Move(temporary, target, overwrite: true);
        File.Delete(archive);
    }
}
