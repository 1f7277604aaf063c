using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Medulla.Logging;

/// <summary>
/// A growable UTF-8 buffer that is reset and reused rather than reallocated: formatters write into it,
/// handlers copy out of it. Not thread-safe; each thread uses its own.
/// </summary>
public sealed class Utf8Buffer : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a buffer with an initial capacity.</summary>
    public Utf8Buffer(int capacity = 1024) => _buffer = new byte[Math.Max(capacity, 16)];

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The written bytes.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The written bytes, writable (for in-place edits such as truncation).</summary>
    public Span<byte> WrittenSpanMutable => _buffer.AsSpan(0, _length);

    /// <summary>Forgets the content, keeping the memory.</summary>
    public void Clear() => _length = 0;

    /// <summary>Cuts the content to <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = Math.Clamp(length, 0, _length);

    /// <inheritdoc />
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _length))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        int n = bytes.Length;
        if (n <= 16 && _buffer.Length - _length >= 16)
        {
            // Separators and short names: two overlapping unaligned copies of 8 (or 4) bytes, or single
            // bytes, instead of a call to memmove, which costs more than the copy at these sizes.
            ref byte to = ref _buffer[_length];
            ref byte from = ref MemoryMarshal.GetReference(bytes);
            if (n >= 8)
            {
                Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, n - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, n - 8)));
            }
            else if (n >= 4)
            {
                Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<uint>(ref from));
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, n - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, n - 4)));
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
                }
            }
            _length += n;
            return;
        }
        Ensure(n);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += n;
    }

    /// <summary>
    /// Appends text as UTF-8. ASCII (nearly all log text) takes a vectorised narrowing path; the rest
    /// is transcoded, unpaired surrogates becoming U+FFFD.
    /// </summary>
    public void WriteUtf16(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        System.Buffers.OperationStatus status = System.Text.Ascii.FromUtf16(text, _buffer.AsSpan(_length), out int written);
        _length += written;
        if (status != System.Buffers.OperationStatus.Done)
        {
            Utf8Values.TranscodeUtf16(this, text[written..]);
        }
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    /// <summary>If the buffer grew very large for one event, give the memory back.</summary>
    public void ShrinkIfHuge(int keep = 64 * 1024)
    {
        if (_buffer.Length > keep * 4)
        {
            _buffer = new byte[keep];
            _length = 0;
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }
        if (_buffer.Length - _length >= sizeHint)
        {
            return;
        }
        int size = Math.Max(_buffer.Length * 2, _length + sizeHint);
        Array.Resize(ref _buffer, size);
    }
}
