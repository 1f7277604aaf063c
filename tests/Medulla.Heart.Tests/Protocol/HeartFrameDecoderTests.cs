namespace Medulla.Heart.Tests.Protocol;

public class HeartFrameDecoderTests
{
    [Fact]
    public void A_frame_is_length_op_and_body_with_the_length_counting_the_op()
    {
        byte[] frame = HeartFrameEncoder.Encode(HeartOp.SetCmd, "snooze");

        Assert.Equal(new byte[] { 0, 7, 4, (byte)'s', (byte)'n', (byte)'o', (byte)'o', (byte)'z', (byte)'e' }, frame);
    }

    [Fact]
    public void Several_frames_in_one_read_come_out_in_order()
    {
        var decoder = new HeartFrameDecoder();

        decoder.Feed([.. HeartFrameEncoder.Encode(HeartOp.Ack), .. HeartFrameEncoder.Encode(HeartOp.HeartCmd, "a=1\n"), .. HeartFrameEncoder.Encode(HeartOp.Beat)]);

        Assert.True(decoder.TryRead(out HeartFrame first));
        Assert.True(decoder.TryRead(out HeartFrame second));
        Assert.True(decoder.TryRead(out HeartFrame third));
        Assert.False(decoder.TryRead(out _));
        Assert.Equal(HeartOp.Ack, first.Op);
        Assert.Equal(HeartOp.HeartCmd, second.Op);
        Assert.Equal("a=1\n", second.BodyText);
        Assert.Equal(HeartOp.Beat, third.Op);
    }

    [Fact]
    public void A_frame_split_at_every_byte_is_decoded_once_complete()
    {
        var decoder = new HeartFrameDecoder();
        byte[] frame = HeartFrameEncoder.Encode(HeartOp.SetCmd, "guarded_reboot");

        for (int i = 0; i < frame.Length - 1; i++)
        {
            decoder.Feed(frame.AsSpan(i, 1));
            Assert.False(decoder.TryRead(out _));
            Assert.True(decoder.HasPartialFrame);
        }
        decoder.Feed(frame.AsSpan(frame.Length - 1));

        Assert.True(decoder.TryRead(out HeartFrame decoded));
        Assert.Equal("guarded_reboot", decoded.BodyText);
        Assert.False(decoder.HasPartialFrame);
    }

    [Fact]
    public void An_oversized_frame_is_skipped_counted_and_decoding_goes_on_even_when_it_arrives_in_pieces()
    {
        var decoder = new HeartFrameDecoder();
        byte[] oversized = new byte[2 + 5000];
        oversized[0] = 5000 >> 8;
        oversized[1] = 5000 & 0xFF;
        oversized[2] = (byte)HeartOp.ShutDown;
        byte[] stream = [.. oversized, .. HeartFrameEncoder.Encode(HeartOp.Beat)];

        for (int i = 0; i < stream.Length; i += 700)
        {
            decoder.Feed(stream.AsSpan(i, Math.Min(700, stream.Length - i)));
        }

        Assert.Equal(1, decoder.SkippedFrames);
        Assert.True(decoder.TryRead(out HeartFrame frame));
        Assert.Equal(HeartOp.Beat, frame.Op);
        Assert.False(decoder.TryRead(out _));
    }

    [Fact]
    public void The_longest_frame_is_accepted_and_one_byte_more_is_skipped()
    {
        var decoder = new HeartFrameDecoder();
        byte[] longest = HeartFrameEncoder.Encode(HeartOp.SetCmd, new string('x', HeartFrameDecoder.MaxFrameLength - 1));
        byte[] tooLong = new byte[2 + HeartFrameDecoder.MaxFrameLength + 1];
        tooLong[0] = (HeartFrameDecoder.MaxFrameLength + 1) >> 8;
        tooLong[1] = (HeartFrameDecoder.MaxFrameLength + 1) & 0xFF;

        decoder.Feed([.. longest, .. tooLong]);

        Assert.True(decoder.TryRead(out HeartFrame frame));
        Assert.Equal(HeartFrameDecoder.MaxFrameLength - 1, frame.Body.Length);
        Assert.False(decoder.TryRead(out _));
        Assert.Equal(1, decoder.SkippedFrames);
    }

    [Fact]
    public void An_empty_frame_has_no_op_and_is_skipped()
    {
        var decoder = new HeartFrameDecoder();

        decoder.Feed([0, 0, .. HeartFrameEncoder.Encode(HeartOp.GetCmd)]);

        Assert.Equal(1, decoder.SkippedFrames);
        Assert.True(decoder.TryRead(out HeartFrame frame));
        Assert.Equal(HeartOp.GetCmd, frame.Op);
    }

    [Fact]
    public void Encoding_a_body_longer_than_a_frame_allows_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => HeartFrameEncoder.Encode(HeartOp.SetCmd, new string('x', HeartFrameDecoder.MaxFrameLength)));

        Assert.Contains("at most 2047 body bytes", ex.Message);
    }
}
