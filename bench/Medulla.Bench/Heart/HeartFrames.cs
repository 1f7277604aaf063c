using System.Buffers.Binary;

namespace Medulla.Bench.Heart;

/// <summary>
/// The app's side of OTP's heart protocol ({packet, 2}: a 2-byte big-endian length, the op, the body),
/// written here on its own rather than taken from Medulla.Heart: the bench drives OTP's heart as well as
/// ours, and should not share a decoder with one of the programs it compares.
/// </summary>
internal static class HeartFrames
{
    internal const byte Ack = 1;
    internal const byte HeartCmd = 7;

    private const byte BeatOp = 2;
    private const byte ShutDownOp = 3;
    private const byte GetCmdOp = 6;

    internal static ReadOnlySpan<byte> Beat => [0, 1, BeatOp];

    internal static ReadOnlySpan<byte> ShutDown => [0, 1, ShutDownOp];

    internal static ReadOnlySpan<byte> GetCmd => [0, 1, GetCmdOp];

    /// <summary>Reads one frame; null at the end of the stream (the heart exited or closed its stdout).</summary>
    internal static (byte Op, byte[] Body)? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[2];
        if (!Fill(stream, header))
        {
            return null;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(header);
        if (length == 0)
        {
            return (0, []);
        }
        byte[] frame = new byte[length];
        if (!Fill(stream, frame))
        {
            return null;
        }
        return (frame[0], frame[1..]);
    }

    private static bool Fill(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
