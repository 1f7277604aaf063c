using System.Text;
using System.Text.Unicode;
using Medulla.Linux;
using Microsoft.Extensions.Logging;

namespace Medulla.Pstore;

/// <summary>
/// Reads the records the previous boot left in the pstore file system (<c>/sys/fs/pstore</c>): the
/// pmsg handler's lines, the kernel console, oops and panic dumps. Records stay until deleted; the
/// <see cref="PstoreArchiver"/> copies them away and deletes them.
/// </summary>
/// <example>
/// <code>
/// var pstore = new PstoreReader();
/// pstore.EnsureMounted();
/// string lastWords = pstore.AvailableLog();   // the previous boot's pmsg lines, "" if none
/// </code>
/// </example>
public sealed class PstoreReader
{
    /// <summary>Where the kernel documentation, systemd and most distributions mount pstore.</summary>
    public const string DefaultRoot = "/sys/fs/pstore";

    /// <summary>
    /// The largest record <see cref="Read"/> accepts, and the most text <see cref="AvailableLog"/> and
    /// <see cref="Dump(PstoreRecordKind?)"/> return: 64 MiB. Backends keep records of kilobytes to a few
    /// MiB (ramoops zones live in reserved RAM); a larger file is not a record pstore made.
    /// </summary>
    public const int MaxRecordSize = 64 << 20;

    private readonly IPstoreMount _mount;
    private readonly ILogger? _logger;

    /// <summary>Creates a reader of the pstore directory <paramref name="root"/>.</summary>
    /// <param name="root">The pstore mount point, or any directory holding records (a copy, an archived boot).</param>
    /// <param name="logger">Where skipped entries are reported (optional).</param>
    public PstoreReader(string root = DefaultRoot, ILogger? logger = null)
        : this(root, KernelPstoreMount.Instance, logger)
    {
    }

    internal PstoreReader(string root, IPstoreMount mount, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _mount = mount;
        _logger = logger;
    }

    /// <summary>The directory read, as an absolute path.</summary>
    public string Root { get; }

    /// <summary>
    /// Mounts the pstore file system on <see cref="Root"/> unless something is mounted there already
    /// (a directory on the same device as its parent is not a mount point). Until pstore is mounted the
    /// directory is just empty, so call this before <see cref="List"/> on a system that does not mount it
    /// at boot. Needs CAP_SYS_ADMIN when it has to mount.
    /// </summary>
    /// <returns>True if it mounted pstore, false if something was mounted already.</returns>
    /// <exception cref="PstoreUnavailableException">
    /// The directory does not exist (kernel without CONFIG_PSTORE, or sysfs not mounted) or the mount
    /// failed (the message says why: no permission, no pstore file system in the kernel).
    /// </exception>
    public bool EnsureMounted()
    {
        RequireRoot();
        if (_mount.IsMountPoint(Root))
        {
            return false;
        }
        try
        {
            _mount.Mount(Root);
            return true;
        }
        catch (IOException ex)
        {
            // Someone else (systemd, another instance) may have mounted it in the meantime.
            if (ex is LinuxIOException { Errno: Errno.EBUSY } && _mount.IsMountPoint(Root))
            {
                return false;
            }
            throw new PstoreUnavailableException($"cannot mount pstore on {Root}: {ex.Message}{MountHint(ex)}", ex);
        }
    }

    /// <summary>
    /// The records, ordered by kind (pmsg, console, dmesg, ftrace, other), then id. Every regular file is
    /// a record; a name pstore would not make gives kind <see cref="PstoreRecordKind.Unknown"/> and no id.
    /// Anything else in the directory (sub-directories, device nodes) is skipped and logged.
    /// </summary>
    /// <exception cref="PstoreUnavailableException">The directory does not exist.</exception>
    /// <exception cref="IOException">The directory cannot be read; the message names it.</exception>
    public IReadOnlyList<PstoreRecord> List()
    {
        RequireRoot();
        IReadOnlyList<DirectoryEntry> entries;
        try
        {
            // By raw name bytes: .NET decodes a name that is not UTF-8 to another name, maybe another file's.
            entries = DirectoryEntries.Read(Root);
        }
        catch (UnauthorizedAccessIOException ex)
        {
            throw new IOException($"cannot list {Root}: permission denied (pstore is readable by root only)", ex);
        }
        var records = new List<PstoreRecord>();
        foreach (DirectoryEntry entry in entries)
        {
            if (entry.Type is null)
            {
                // Deleted between listing and looking: archived or erased by someone else.
                continue;
            }
            bool utf8 = Utf8.IsValid(entry.Name);
            string path = Path.Combine(Root, utf8 ? Encoding.UTF8.GetString(entry.Name) : DirectoryEntries.Escape(entry.Name));
            if (entry.Type != FileType.Regular)
            {
                _logger?.LogWarning("pstore: skipped {Path}: not a regular file", path);
                continue;
            }
            PstoreRecord record = PstoreRecordName.Parse(path, entry.Size);
            records.Add(utf8 ? record : record with { NonUtf8Name = entry.Name });
        }
        records.Sort(PstoreRecordName.Compare);
        return records;
    }

    /// <summary>
    /// Reads a record: its bytes without the trailing ECC status line, decompressed when it is a
    /// <c>.enc.z</c> record. A compressed record that cannot be decompressed does not fail the call: the
    /// stored bytes come back with <see cref="PstoreContent.DecompressionError"/> set.
    /// </summary>
    /// <exception cref="IOException">
    /// The file cannot be read (gone, permission) or holds more than <see cref="MaxRecordSize"/> bytes;
    /// the message names it.
    /// </exception>
    public PstoreContent Read(PstoreRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] raw;
        try
        {
            using FileStream file = OpenRecord(record);
            raw = ReadAtMost(file, MaxRecordSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read {record.FullPath}: {ex.Message}", ex);
        }
        int bodyLength = EccNotice.BodyLength(raw, out string? status);
        byte[] body = bodyLength == raw.Length ? raw : raw[..bodyLength];
        if (!record.Compressed)
        {
            return new PstoreContent(record, body, status, decompressed: false, decompressionError: null);
        }
        if (RecordDecompression.TryInflate(body, out byte[] inflated, out string? error))
        {
            return new PstoreContent(record, inflated, status, decompressed: true, decompressionError: null);
        }
        _logger?.LogWarning("pstore: {Path} could not be decompressed: {Error}", record.FullPath, error);
        return new PstoreContent(record, body, status, decompressed: false, decompressionError: error);
    }

    /// <summary>
    /// The previous boot's pmsg text: every pmsg record in id order, ECC status lines removed, or "" when
    /// there is none. When the ring wrapped, its first line may begin mid-line.
    /// </summary>
    /// <exception cref="PstoreUnavailableException">The directory does not exist.</exception>
    /// <exception cref="IOException">A record cannot be read, or they hold more than <see cref="MaxRecordSize"/> bytes.</exception>
    public string AvailableLog()
    {
        var text = new StringBuilder();
        long total = 0;
        foreach (PstoreRecord record in List())
        {
            if (record.Kind == PstoreRecordKind.Pmsg)
            {
                PstoreContent content = Read(record);
                total += content.Bytes.Length;
                if (total > MaxRecordSize)
                {
                    throw TooMuchText("pmsg records", "read them one by one with Read");
                }
                text.Append(content.Text);
            }
        }
        return text.ToString();
    }

    /// <summary>The text of <see cref="Dump(TextWriter, PstoreRecordKind?)"/> as a string.</summary>
    /// <exception cref="PstoreUnavailableException">The directory does not exist.</exception>
    /// <exception cref="IOException">The records hold more than <see cref="MaxRecordSize"/> bytes of text.</exception>
    public string Dump(PstoreRecordKind? kind = null)
    {
        List<DumpEntry> entries = LoadEntries(kind);
        if (entries.Sum(e => e.Length) > MaxRecordSize)
        {
            throw TooMuchText("records", "write them to a stream with Dump(TextWriter)");
        }
        using var output = new StringWriter();
        Write(entries, output);
        return output.ToString();
    }

    /// <summary>
    /// Writes the text of every record (or of one kind), each after a header line naming the file,
    /// <c>==&gt; pmsg-ramoops-0 &lt;==</c>, without ECC status lines. Dmesg records are put in reading
    /// order: dumps in the order they were taken and, within a dump, highest part first, since the kernel
    /// stores the end of its log in Part1. A record that cannot be read or decompressed is noted in its
    /// header line instead of its text, and the others are still written.
    /// </summary>
    /// <returns>The number of records that could not be read or decompressed.</returns>
    /// <exception cref="PstoreUnavailableException">The directory does not exist.</exception>
    public int Dump(TextWriter output, PstoreRecordKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Write(LoadEntries(kind), output);
    }

    private List<DumpEntry> LoadEntries(PstoreRecordKind? kind)
    {
        var entries = new List<DumpEntry>();
        foreach (PstoreRecord record in List())
        {
            if (kind is null || record.Kind == kind)
            {
                entries.Add(DumpEntry.Load(this, record));
            }
        }
        entries.Sort(DumpEntry.Compare);
        return entries;
    }

    private static int Write(List<DumpEntry> entries, TextWriter output)
    {
        int failures = 0;
        foreach (DumpEntry entry in entries)
        {
            failures += entry.Write(output) ? 0 : 1;
        }
        return failures;
    }

    /// <summary>Opens a record's file for reading, by its raw name bytes when they are not UTF-8.</summary>
    internal static FileStream OpenRecord(PstoreRecord record) => record.NonUtf8Name is { } name
        ? new FileStream(RawNameFiles.OpenRead(Path.GetDirectoryName(record.FullPath)!, name), FileAccess.Read, bufferSize: 0)
        : new FileStream(record.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    /// <summary>
    /// The bytes of <paramref name="file"/>, refused when there are more than <paramref name="limit"/>;
    /// read up to one byte past the limit, so a file that grows while being read is caught too.
    /// </summary>
    private static byte[] ReadAtMost(FileStream file, int limit)
    {
        long length = file.Length;
        if (length > limit)
        {
            throw TooLarge(length, limit);
        }
        using var bytes = new MemoryStream((int)length);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = file.Read(buffer)) > 0)
        {
            if (bytes.Length + n > limit)
            {
                throw TooLarge(bytes.Length + n, limit);
            }
            bytes.Write(buffer, 0, n);
        }
        return bytes.Length == bytes.Capacity ? bytes.GetBuffer() : bytes.ToArray();
    }

    // The caller puts "cannot read PATH: " in front.
    private static IOException TooLarge(long length, int limit) =>
        new($"it is {length} bytes, more than the {limit} bytes (64 MiB) accepted for one record; look at the file itself");

    private IOException TooMuchText(string what, string instead) =>
        new($"the {what} in {Root} hold more than {MaxRecordSize} bytes (64 MiB) of text, too much for one string; {instead}");

    private void RequireRoot()
    {
        if (!Directory.Exists(Root))
        {
            throw new PstoreUnavailableException(
                $"{Root} does not exist: the kernel needs CONFIG_PSTORE (with CONFIG_PSTORE_RAM for ramoops), and sysfs must be mounted on /sys");
        }
    }

    private static string MountHint(IOException ex) => ex is LinuxIOException { Errno: var errno } ? errno switch
    {
        Errno.EPERM or Errno.EACCES => " (mounting needs root, CAP_SYS_ADMIN)",
        Errno.ENODEV => " (the kernel has no pstore file system: CONFIG_PSTORE is off)",
        _ => "",
    } : "";

    /// <summary>One record of a dump with what reading it gave.</summary>
    private sealed class DumpEntry
    {
        private readonly PstoreRecord _record;
        private readonly PstoreContent? _content;
        private readonly string? _readError;
        private readonly DmesgHeader _header;
        private readonly bool _hasHeader;

        private DumpEntry(PstoreRecord record, PstoreContent? content, string? readError)
        {
            _record = record;
            _content = content;
            _readError = readError;
            _hasHeader = record.Kind == PstoreRecordKind.Dmesg && content is { IsText: true } && DmesgHeader.TryParse(content.Text, out _header);
        }

        /// <summary>The bytes of the record's text (0 when it could not be read).</summary>
        internal long Length => _content?.Bytes.Length ?? 0;

        internal static DumpEntry Load(PstoreReader reader, PstoreRecord record)
        {
            try
            {
                return new DumpEntry(record, reader.Read(record), null);
            }
            catch (IOException ex)
            {
                return new DumpEntry(record, null, ex.Message);
            }
        }

        /// <summary>List order, except dmesg parts: by dump, then highest part first; parts without a header last.</summary>
        internal static int Compare(DumpEntry? a, DumpEntry? b)
        {
            if (a is null || b is null)
            {
                return ReferenceEquals(a, b) ? 0 : a is null ? -1 : 1;
            }
            if (a._record.Kind == PstoreRecordKind.Dmesg && b._record.Kind == PstoreRecordKind.Dmesg)
            {
                int c = b._hasHeader.CompareTo(a._hasHeader);
                if (c != 0)
                {
                    return c;
                }
                if (a._hasHeader)
                {
                    c = a._header.Dump.CompareTo(b._header.Dump);
                    if (c != 0)
                    {
                        return c;
                    }
                    c = b._header.Part.CompareTo(a._header.Part);
                    if (c != 0)
                    {
                        return c;
                    }
                }
            }
            return PstoreRecordName.Compare(a._record, b._record);
        }

        /// <summary>Writes the header line and the text; false when there was no text to write.</summary>
        internal bool Write(TextWriter output)
        {
            if (_readError is not null)
            {
                output.WriteLine($"==> {_record.FileName} (unreadable: {_readError}) <==");
                return false;
            }
            PstoreContent content = _content!;
            if (!content.IsText)
            {
                output.WriteLine($"==> {_record.FileName} (compressed, {content.Bytes.Length} bytes not shown: {content.DecompressionError}) <==");
                return false;
            }
            output.WriteLine(content.HasEccErrors ? $"==> {_record.FileName} (ECC: {content.EccStatus}) <==" : $"==> {_record.FileName} <==");
            string text = content.Text;
            output.Write(text);
            if (text.Length > 0 && text[^1] != '\n')
            {
                output.WriteLine();
            }
            return true;
        }
    }
}
