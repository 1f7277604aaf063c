using System.Runtime.InteropServices;
using Medulla.Linux.Interop;

namespace Medulla.Linux;

/// <summary>
/// Receive slots for <see cref="UnixDatagramSocket.Receive(DatagramBatch)"/>: one recvmmsg(2) call fills
/// up to <see cref="Capacity"/> slots, each with its datagram and the sender's credentials. The memory is
/// native and reused for every call; a slot's pages are touched only as far as datagrams reach, so large
/// slots cost address space, not resident memory.
/// </summary>
internal sealed unsafe class DatagramBatch : IDisposable
{
    // Room for one cmsghdr plus struct ucred, aligned as CMSG_SPACE would.
    private const int ControlBytes = 64;

    private readonly byte* _data;
    private readonly byte* _control;
    private readonly IoVector* _vectors;
    private readonly MultiMessageHeader* _headers;
    private int _count;
    private bool _disposed;

    /// <summary>Allocates <paramref name="capacity"/> slots of <paramref name="slotBytes"/> each.</summary>
    public DatagramBatch(int capacity, int slotBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBytes, 1);
        Capacity = capacity;
        SlotBytes = slotBytes;
        _data = (byte*)NativeMemory.Alloc((nuint)capacity, (nuint)slotBytes);
        _control = (byte*)NativeMemory.AllocZeroed((nuint)capacity, ControlBytes);
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(IoVector));
        _headers = (MultiMessageHeader*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(MultiMessageHeader));
        for (int i = 0; i < capacity; i++)
        {
            _vectors[i].Base = _data + ((nint)i * slotBytes);
            _vectors[i].Length = (nuint)slotBytes;
        }
    }

    /// <summary>How many datagrams one call can take.</summary>
    public int Capacity { get; }

    /// <summary>The longest datagram a slot holds whole.</summary>
    public int SlotBytes { get; }

    /// <summary>Datagrams the last receive placed in the slots.</summary>
    public int Count => _count;

    /// <summary>The bytes of datagram <paramref name="index"/> (cut to the slot when it was longer).</summary>
    public ReadOnlySpan<byte> Data(int index) => new(_vectors[Check(index)].Base, Length(index));

    /// <summary>What the kernel said about datagram <paramref name="index"/>: lengths and the sender's credentials.</summary>
    public ReceivedDatagram Info(int index)
    {
        MultiMessageHeader* header = &_headers[Check(index)];
        (int pid, long uid) = UnixDatagramSocket.FindCredentials(_control + ((nint)index * ControlBytes), (int)header->Header.ControlLength);
        return new ReceivedDatagram(Length(index), (int)Math.Min(header->Length, int.MaxValue), pid, uid);
    }

    /// <summary>Resets the headers the kernel rewrote on the last call (control lengths, flags).</summary>
    internal MultiMessageHeader* PrepareHeaders()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (int i = 0; i < Capacity; i++)
        {
            MultiMessageHeader* header = &_headers[i];
            header->Header.Vectors = &_vectors[i];
            header->Header.VectorCount = 1;
            header->Header.Control = _control + ((nint)i * ControlBytes);
            header->Header.ControlLength = ControlBytes;
            header->Header.Flags = 0;
            header->Length = 0;
        }
        _count = 0;
        return _headers;
    }

    internal void Received(int count) => _count = count;

    private int Length(int index) => (int)Math.Min(_headers[index].Length, (uint)SlotBytes);

    private int Check(int index) => (uint)index < (uint)_count ? index : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Frees the slots.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        NativeMemory.Free(_headers);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_control);
        NativeMemory.Free(_data);
    }
}
