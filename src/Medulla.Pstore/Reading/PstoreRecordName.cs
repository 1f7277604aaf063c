using System.Globalization;

namespace Medulla.Pstore;

/// <summary>
/// Parses pstore file names. The kernel makes them in fs/pstore/inode.c as
/// <c>"%s-%s-%llu%s"</c>: type name, backend name, record id, and ".enc.z" for a compressed record.
/// Type names may contain a dash ("powerpc-ofw"), so the known ones are matched first.
/// </summary>
internal static class PstoreRecordName
{
    internal const string CompressedSuffix = ".enc.z";

    // pstore_type_names in fs/pstore/platform.c, longest first where one is a prefix of another.
    private static readonly string[] TypeNames =
        ["powerpc-common", "powerpc-opal", "powerpc-ofw", "console", "ftrace", "dmesg", "pmsg", "rtas", "mce"];

    /// <summary>Describes the file <paramref name="fullPath"/>; a name that does not parse gives kind Unknown and no id.</summary>
    internal static PstoreRecord Parse(string fullPath, long size)
    {
        string fileName = Path.GetFileName(fullPath);
        bool compressed = fileName.EndsWith(CompressedSuffix, StringComparison.Ordinal);
        string stem = compressed ? fileName[..^CompressedSuffix.Length] : fileName;
        string type = "";
        string? backend = null;
        ulong? id = null;
        int lastDash = stem.LastIndexOf('-');
        if (lastDash > 0 && ulong.TryParse(stem.AsSpan(lastDash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsedId))
        {
            string typeAndBackend = stem[..lastDash];
            string? known = Array.Find(TypeNames, t => typeAndBackend.Length > t.Length + 1 && typeAndBackend.StartsWith(t + "-", StringComparison.Ordinal));
            int split = known?.Length ?? typeAndBackend.IndexOf('-', StringComparison.Ordinal);
            if (split > 0 && split < typeAndBackend.Length - 1)
            {
                type = typeAndBackend[..split];
                backend = typeAndBackend[(split + 1)..];
                id = parsedId;
            }
        }
        return new PstoreRecord
        {
            Kind = KindOf(type),
            TypeName = type,
            Backend = backend,
            Id = id,
            Compressed = compressed,
            FileName = fileName,
            FullPath = fullPath,
            Size = size,
        };
    }

    internal static PstoreRecordKind KindOf(string type) => type switch
    {
        "pmsg" => PstoreRecordKind.Pmsg,
        "console" => PstoreRecordKind.Console,
        "dmesg" => PstoreRecordKind.Dmesg,
        "ftrace" => PstoreRecordKind.Ftrace,
        _ => PstoreRecordKind.Unknown,
    };

    /// <summary>Kind, then id (records without one last; between types and backends of the Unknown kind, by type and backend), then file name.</summary>
    internal static int Compare(PstoreRecord? a, PstoreRecord? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }
        int c = a.Kind.CompareTo(b.Kind);
        if (c != 0)
        {
            return c;
        }
        c = (a.Id is null).CompareTo(b.Id is null);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(a.TypeName, b.TypeName);
        if (c != 0)
        {
            return c;
        }
        c = string.CompareOrdinal(a.Backend, b.Backend);
        if (c != 0)
        {
            return c;
        }
        c = Nullable.Compare(a.Id, b.Id);
        return c != 0 ? c : string.CompareOrdinal(a.FileName, b.FileName);
    }
}
