using System.IO.Compression;

namespace Medulla.Pstore;

/// <summary>
/// Inflates a compressed (<c>.enc.z</c>) dmesg record. The kernel's "deflate" compressor writes raw
/// deflate (zlib with negative window bits, crypto/deflate.c and fs/pstore/platform.c), so that is tried
/// first; a stream with a zlib header is accepted too. Other algorithms a kernel may be built with (lzo,
/// lz4, zstd, 842) are reported as not decompressible.
/// </summary>
internal static class RecordDecompression
{
    /// <summary>Far more than any record expands to; a bound so corrupt input cannot exhaust memory.</summary>
    private const int MaxOutput = PstoreReader.MaxRecordSize;

    internal static bool TryInflate(ReadOnlySpan<byte> compressed, out byte[] output, out string? error)
    {
        bool zlibHeader = compressed.Length >= 2 && (compressed[0] & 0x0F) == 8 && ((compressed[0] << 8) | compressed[1]) % 31 == 0;
        string? firstError = null;
        bool[] order = zlibHeader ? [true, false] : [false, true];
        foreach (bool zlib in order)
        {
            try
            {
                output = Inflate(compressed, zlib);
                if (output.Length > 0)
                {
                    error = null;
                    return true;
                }
                firstError ??= "the stream holds no data";
            }
            catch (InvalidDataException ex)
            {
                firstError ??= ex.Message;
            }
        }
        output = [];
        error = $"not deflate or zlib data ({firstError}); the kernel may use another algorithm (lzo, lz4, zstd)";
        return false;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed, bool zlib)
    {
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using Stream inflater = zlib ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = inflater.Read(buffer)) > 0)
        {
            if (output.Length + n > MaxOutput)
            {
                throw new InvalidDataException($"decompressed data exceeds {MaxOutput} bytes");
            }
            output.Write(buffer, 0, n);
        }
        return output.ToArray();
    }
}
