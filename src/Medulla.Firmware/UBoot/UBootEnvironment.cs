using System.Diagnostics.Metrics;
using Medulla.Linux;

namespace Medulla.Firmware;

/// <summary>
/// Reads and writes the U-Boot environment on a block device or in a file, at the locations of a
/// <see cref="FwEnvConfig"/>. Every call opens the device, does its work and closes it again; nothing is
/// cached, so each call sees what other programs (fw_setenv, U-Boot) wrote meanwhile.
/// </summary>
/// <remarks>
/// <para>
/// A write goes to one copy only. In the redundant layout it is the copy that is not current (the older
/// one, or the one that is corrupt), stamped with the current copy's flags + 1 (wrapping at 255); it is
/// written, fsynced, dropped from the page cache and read back, and the call returns only when it reads
/// back as written. The current copy is not touched, so a power cut at any moment leaves either the old
/// environment (the new copy fails its CRC) or the new one. The single layout is written the same way
/// but in place: a power cut during its write can leave no valid environment at all.
/// </para>
/// <para>
/// Calls are serialized within the process and, through an flock on <c>/var/lock/fw_printenv.lock</c>
/// (the lock U-Boot's and libubootenv's fw_printenv and fw_setenv take), with those tools; a call waits at
/// most 10 s for that lock, then fails with an <see cref="IOException"/> naming the lock file.
/// </para>
/// </remarks>
public sealed class UBootEnvironment
{
    /// <summary>The lock file that fw_printenv and fw_setenv use.</summary>
    public const string DefaultLockPath = "/var/lock/fw_printenv.lock";

    private readonly IEnvStorageProvider _storage;
    private readonly Lock _gate = new();
    private readonly FirmwareMetrics _metrics;

    /// <summary>Creates access to the environment at <paramref name="config"/>'s locations.</summary>
    /// <param name="config">Where the copies are.</param>
    /// <param name="lockPath">
    /// The lock file shared with fw_printenv/fw_setenv, or null to take no lock. When the file cannot be
    /// created (a read-only /var) the call goes on without it.
    /// </param>
    /// <param name="meterFactory">
    /// The host's meter factory for the write metrics (see docs/metrics.md); null records them on the
    /// process-wide <c>Medulla.Firmware</c> meter.
    /// </param>
    public UBootEnvironment(FwEnvConfig config, string? lockPath = DefaultLockPath, IMeterFactory? meterFactory = null)
        : this(config, lockPath, DeviceEnvStorage.Provider, meterFactory)
    {
    }

    internal UBootEnvironment(FwEnvConfig config, string? lockPath, IEnvStorageProvider storage, IMeterFactory? meterFactory = null)
    {
        _metrics = FirmwareMetrics.For(meterFactory);
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        LockPath = lockPath;
        _storage = storage;
    }

    /// <summary>The locations of the copies.</summary>
    public FwEnvConfig Config { get; }

    /// <summary>The lock file shared with fw_printenv/fw_setenv, or null for none.</summary>
    public string? LockPath { get; }

    /// <summary>
    /// How long a call waits for the lock file before it fails with an error naming it. fw_setenv holds it
    /// for milliseconds, so reaching this means a holder is stuck, and waiting on would hang the app with it.
    /// </summary>
    internal TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads every copy and returns the variables of the newest valid one.</summary>
    /// <exception cref="UBootEnvException">No copy is valid, or a location lies outside its device; the message says which and why.</exception>
    /// <exception cref="IOException">A device cannot be opened or read; the message names it.</exception>
    public UBootEnvSnapshot Read()
    {
        using Session session = Open(writable: false);
        CopyRead[] copies = ReadCopies(session);
        int current = ChooseCurrent(copies) ?? throw NoValidCopy(copies);
        return Snapshot(copies, current, written: false);
    }

    /// <summary>
    /// Applies <paramref name="changes"/> (a null value deletes the variable) to the current environment
    /// and writes the result as one copy. When nothing changes and every copy is valid, nothing is written.
    /// </summary>
    /// <exception cref="ArgumentException">A name or value cannot be stored, or the result does not fit; nothing was written.</exception>
    /// <exception cref="UBootEnvException">
    /// No copy is valid (use <see cref="Replace"/> to start afresh), or the written copy did not read back as
    /// written (the previous environment is still in the other copy).
    /// </exception>
    /// <exception cref="IOException">A device cannot be opened, read or written; the message names it.</exception>
    public UBootEnvSnapshot Update(IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // Checked and encoded before the device is touched; a null value deletes.
        var encoded = new List<(byte[] Name, byte[]? Value)>(changes.Count);
        foreach (KeyValuePair<string, string?> change in changes)
        {
            byte[] name = UBootEnvCodec.NameBytes(change.Key);
            encoded.Add((name, change.Value is null ? null : UBootEnvCodec.ValueBytes(change.Key, change.Value)));
        }
        using Session session = Open(writable: true);
        CopyRead[] copies = ReadCopies(session);
        int current = ChooseCurrent(copies) ?? throw NoValidCopy(copies);
        // The entries as stored: what the changes do not name is written back byte for byte.
        var updated = new SortedDictionary<byte[], EnvEntry>(NameBytesOrder.Instance);
        foreach (EnvEntry entry in copies[current].Block!.Entries)
        {
            updated.Add(entry.RawName, entry);
        }
        bool changed = false;
        foreach ((byte[] name, byte[]? value) in encoded)
        {
            if (value is null)
            {
                changed |= updated.Remove(name);
            }
            else if (!updated.TryGetValue(name, out EnvEntry? was) || !was.RawValue.AsSpan().SequenceEqual(value))
            {
                updated[name] = new EnvEntry(name, value);
                changed = true;
            }
        }
        if (!changed && copies.All(c => c.Block?.State == EnvCopyState.Valid))
        {
            return Snapshot(copies, current, written: false);
        }
        return Write(session, copies, current, updated.Values);
    }

    /// <summary>
    /// Writes <paramref name="variables"/> as the whole environment, whatever the copies hold now: the way
    /// to initialize a blank or corrupt environment. The redundant layout still writes the older copy.
    /// </summary>
    /// <exception cref="ArgumentException">A name or value cannot be stored, a name repeats, or the variables do not fit.</exception>
    /// <exception cref="UBootEnvException">The written copy did not read back as written, or a location lies outside its device.</exception>
    /// <exception cref="IOException">A device cannot be opened, read or written; the message names it.</exception>
    public UBootEnvSnapshot Replace(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        List<EnvEntry> all = UBootEnvCodec.ToEntries(variables);
        // Fail on size before touching the device.
        UBootEnvCodec.EncodeEntries(all, Config.Layout, 0, new byte[Config.EnvSize]);
        using Session session = Open(writable: true);
        CopyRead[] copies = ReadCopies(session);
        return Write(session, copies, ChooseCurrent(copies), all);
    }

    /// <summary>
    /// The copy U-Boot boots from: the only valid one, or of two valid copies the one with the larger
    /// flags, except that 0 is newer than 255 (the counter wrapped); equal flags choose the first copy.
    /// Null when no copy is valid.
    /// </summary>
    internal static int? ChooseCurrent(IReadOnlyList<EnvBlock?> blocks)
    {
        bool valid0 = blocks[0]?.State == EnvCopyState.Valid;
        if (blocks.Count == 1)
        {
            return valid0 ? 0 : null;
        }
        bool valid1 = blocks[1]?.State == EnvCopyState.Valid;
        if (valid0 && valid1)
        {
            byte f0 = blocks[0]!.Flags;
            byte f1 = blocks[1]!.Flags;
            if (f0 == 255 && f1 == 0)
            {
                return 1;
            }
            if (f1 == 255 && f0 == 0)
            {
                return 0;
            }
            return f1 > f0 ? 1 : 0;
        }
        return valid0 ? 0 : valid1 ? 1 : null;
    }

    private static int? ChooseCurrent(CopyRead[] copies) => ChooseCurrent(copies.Select(c => c.Block).ToArray());

    private UBootEnvSnapshot Write(Session session, CopyRead[] copies, int? current, IEnumerable<EnvEntry> entries)
    {
        int target;
        byte flags;
        if (Config.Layout == EnvLayout.SingleCopy)
        {
            target = 0;
            flags = 0;
        }
        else
        {
            target = current is int c ? 1 - c : 0;
            flags = current is int d ? unchecked((byte)(copies[d].Block!.Flags + 1)) : (byte)1;
        }
        CopyRead copy = copies[target];
        var block = new byte[Config.EnvSize];
        UBootEnvCodec.EncodeEntries(entries, Config.Layout, flags, block);
        IEnvStorage storage = session.Storage(copy.Location.Device);
        storage.WriteAt(copy.Offset, block);
        storage.Flush(copy.Offset, block.Length);
        var check = new byte[block.Length];
        int read = storage.ReadAt(copy.Offset, check);
        if (read != block.Length || !check.AsSpan().SequenceEqual(block))
        {
            _metrics.ReadBackFailed(Config.Layout);
            string kept = Config.Layout == EnvLayout.Redundant && current is int k ? $"; copy {k + 1} still holds the previous environment" : "";
            throw new UBootEnvException($"copy {target + 1} ({copy.Location}) did not read back as written{kept}");
        }
        _metrics.Written(Config.Layout);
        copies[target] = copy with { Block = UBootEnvCodec.Decode(check, Config.Layout), Length = Math.Max(copy.Length, copy.Offset + block.Length) };
        return Snapshot(copies, target, written: true);
    }

    private Session Open(bool writable)
    {
        var session = new Session(_storage, writable, _gate);
        try
        {
            if (LockPath is not null)
            {
                session.FileLock = FileLock.TryAcquire(LockPath, LockTimeout);
            }
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private CopyRead[] ReadCopies(Session session)
    {
        IReadOnlyList<EnvCopyLocation> locations = Config.Copies;
        var copies = new CopyRead[locations.Count];
        for (int i = 0; i < copies.Length; i++)
        {
            EnvCopyLocation location = locations[i];
            IEnvStorage storage = session.Storage(location.Device);
            long length = storage.Length;
            long offset = location.Offset >= 0 ? location.Offset : length + location.Offset;
            if (offset < 0)
            {
                throw new UBootEnvException(
                    $"{Config.SourcePrefix(i)}copy {i + 1} ({location}): the offset counts back from the end of {location.Device}, which is only {length} bytes long");
            }
            long pastEnd = offset + location.Size - length;
            if (location.Offset < 0 && pastEnd > 0)
            {
                // Written, it would grow a file, and the next read would count back from the new end.
                throw new UBootEnvException(
                    $"{Config.SourcePrefix(i)}copy {i + 1} ({location}) would end {FwEnvConfig.FormatNumber(pastEnd)} bytes past the end of {location.Device} ({FwEnvConfig.FormatNumber(length)} bytes long); a copy at a negative offset must lie within the device");
            }
            // The length is checked before the buffer is allocated: the env size may be far larger than the device.
            EnvBlock block = pastEnd > 0 ? EnvBlock.Unusable(EnvCopyState.Truncated) : ReadCopy(storage, offset, location.Size);
            copies[i] = new CopyRead(i, location, offset, length, block);
        }
        if (copies.Length == 2 && copies[0].Location.Device == copies[1].Location.Device
            && copies[0].Offset < copies[1].Offset + Config.EnvSize && copies[1].Offset < copies[0].Offset + Config.EnvSize)
        {
            throw new UBootEnvException(
                $"the two copies overlap on {copies[0].Location.Device} (at {copies[0].Offset} and {copies[1].Offset}, {Config.EnvSize} bytes each)");
        }
        return copies;
    }

    private EnvBlock ReadCopy(IEnvStorage storage, long offset, int size)
    {
        var buffer = new byte[size];
        int read = storage.ReadAt(offset, buffer);
        return read < buffer.Length ? EnvBlock.Unusable(EnvCopyState.Truncated) : UBootEnvCodec.Decode(buffer, Config.Layout);
    }

    private UBootEnvSnapshot Snapshot(CopyRead[] copies, int current, bool written)
    {
        var statuses = copies.Select(c => new EnvCopyStatus(c.Index, c.Location, c.Offset, c.Block!.State, c.Block.Flags, Problem(c))).ToArray();
        var warnings = new List<string>();
        foreach (EnvCopyStatus status in statuses)
        {
            if (status.Problem is not null)
            {
                warnings.Add($"copy {status.Index + 1} ({status.Location}) is not usable: {status.Problem}; the next write replaces it");
            }
        }
        int skipped = copies[current].Block!.SkippedEntries;
        if (skipped > 0)
        {
            warnings.Add($"copy {current + 1} ({copies[current].Location}): {skipped} entr{(skipped == 1 ? "y" : "ies")} without '=' or with an empty name ignored");
        }
        return new UBootEnvSnapshot(Config.Layout, copies[current].Block!, current, statuses, warnings, written);
    }

    private static UBootEnvException NoValidCopy(CopyRead[] copies)
    {
        if (copies.Length == 1)
        {
            return new UBootEnvException($"the environment at {copies[0].Location} is not valid: {Problem(copies[0])}");
        }
        return new UBootEnvException(
            $"neither environment copy is valid: copy 1 ({copies[0].Location}): {Problem(copies[0])}; copy 2 ({copies[1].Location}): {Problem(copies[1])}");
    }

    private static string? Problem(CopyRead copy)
    {
        EnvBlock block = copy.Block!;
        return block.State switch
        {
            EnvCopyState.Valid => null,
            EnvCopyState.Blank => "blank (all 0x00 or all 0xff: never written or erased)",
            EnvCopyState.Truncated => $"truncated: {copy.Location.Device} is {copy.Length} bytes long, the copy ends at {copy.Offset + copy.Location.Size}",
            _ => $"CRC mismatch (stored 0x{block.StoredCrc:x8}, computed 0x{block.ComputedCrc:x8})",
        };
    }

    private sealed record CopyRead(int Index, EnvCopyLocation Location, long Offset, long Length, EnvBlock? Block);

    /// <summary>The devices and locks of one call, released together.</summary>
    private sealed class Session : IDisposable
    {
        private readonly IEnvStorageProvider _provider;
        private readonly bool _writable;
        private readonly Lock _gate;
        private readonly Dictionary<string, IEnvStorage> _open = new(StringComparer.Ordinal);

        internal Session(IEnvStorageProvider provider, bool writable, Lock gate)
        {
            _provider = provider;
            _writable = writable;
            _gate = gate;
            _gate.Enter();
        }

        internal FileLock? FileLock { get; set; }

        internal IEnvStorage Storage(string device)
        {
            if (!_open.TryGetValue(device, out IEnvStorage? storage))
            {
                storage = _provider.Open(device, _writable);
                _open.Add(device, storage);
            }
            return storage;
        }

        public void Dispose()
        {
            foreach (IEnvStorage storage in _open.Values)
            {
                storage.Dispose();
            }
            FileLock?.Dispose();
            _gate.Exit();
        }
    }
}
