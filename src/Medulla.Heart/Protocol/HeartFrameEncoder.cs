using System.Buffers.Binary;
using System.Text;

namespace Medulla.Heart;

/// <summary>
/// Encodes heart frames: a 2-byte big-endian length that covers the operation byte and the body, the
/// operation byte, the body ({packet, 2} framing of an Erlang port).
/// </summary>
public static class HeartFrameEncoder
{
    /// <summary>Encodes a frame with an empty body.</summary>
    public static byte[] Encode(HeartOp op) => Encode(op, ReadOnlySpan<byte>.Empty);

    /// <summary>Encodes a frame whose body is <paramref name="text"/> in UTF-8.</summary>
    /// <exception cref="ArgumentException">The frame would be longer than <see cref="HeartFrameDecoder.MaxFrameLength"/>.</exception>
    public static byte[] Encode(HeartOp op, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(op, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Encodes a frame.</summary>
    /// <exception cref="ArgumentException">The frame would be longer than <see cref="HeartFrameDecoder.MaxFrameLength"/>.</exception>
    public static byte[] Encode(HeartOp op, ReadOnlySpan<byte> body)
    {
        int length = body.Length + 1;
        if (length > HeartFrameDecoder.MaxFrameLength)
        {
            throw new ArgumentException(
                $"a heart frame carries at most {HeartFrameDecoder.MaxFrameLength - 1} body bytes; this one has {body.Length}", nameof(body));
        }
        byte[] frame = new byte[2 + length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)length);
        frame[2] = (byte)op;
        body.CopyTo(frame.AsSpan(3));
        return frame;
    }
}
