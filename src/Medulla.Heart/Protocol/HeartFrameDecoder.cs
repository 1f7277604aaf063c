namespace Medulla.Heart;

/// <summary>
/// Decodes heart frames from a byte stream incrementally: bytes may arrive in any pieces (a frame split
/// across reads, several frames in one read). A frame longer than <see cref="MaxFrameLength"/> is skipped
/// without being buffered, and a frame of length 0 (no operation byte) is dropped; both are counted in
/// <see cref="SkippedFrames"/> and decoding goes on with the next frame.
/// </summary>
public sealed class HeartFrameDecoder
{
    /// <summary>
    /// The longest frame (operation byte plus body) that is decoded: 2048 bytes, the buffer size of
    /// Erlang/OTP's heart, which also skips longer frames.
    /// </summary>
    public const int MaxFrameLength = 2048;

    private readonly byte[] _payload = new byte[MaxFrameLength];
    private readonly Queue<HeartFrame> _ready = new();
    private readonly byte[] _header = new byte[2];
    private int _headerFilled;
    private int _length;
    private int _payloadFilled;
    private int _skipLeft;

    /// <summary>Frames skipped because they were too long or empty.</summary>
    public long SkippedFrames { get; private set; }

    /// <summary>Whether part of a frame has been fed and the rest is still missing.</summary>
    public bool HasPartialFrame => _headerFilled > 0 || _skipLeft > 0;

    /// <summary>Whether anything fed is not taken yet: complete frames left for <see cref="TryRead"/>, or part of one.</summary>
    public bool HasInput => _ready.Count > 0 || HasPartialFrame;

    /// <summary>Feeds bytes from the stream; complete frames become available to <see cref="TryRead"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_skipLeft > 0)
            {
                int skip = Math.Min(_skipLeft, bytes.Length);
                _skipLeft -= skip;
                bytes = bytes[skip..];
                continue;
            }
            if (_headerFilled < 2)
            {
                _header[_headerFilled++] = bytes[0];
                bytes = bytes[1..];
                if (_headerFilled == 2)
                {
                    StartFrame((_header[0] << 8) | _header[1]);
                }
                continue;
            }
            int take = Math.Min(_length - _payloadFilled, bytes.Length);
            bytes[..take].CopyTo(_payload.AsSpan(_payloadFilled));
            _payloadFilled += take;
            bytes = bytes[take..];
            if (_payloadFilled == _length)
            {
                _ready.Enqueue(new HeartFrame((HeartOp)_payload[0], _payload.AsSpan(1, _length - 1).ToArray()));
                _headerFilled = 0;
            }
        }
    }

    /// <summary>Takes the next complete frame, oldest first.</summary>
    public bool TryRead(out HeartFrame frame) => _ready.TryDequeue(out frame);

    private void StartFrame(int length)
    {
        if (length == 0 || length > MaxFrameLength)
        {
            SkippedFrames++;
            _skipLeft = length;
            _headerFilled = 0;
            return;
        }
        _length = length;
        _payloadFilled = 0;
    }
}
