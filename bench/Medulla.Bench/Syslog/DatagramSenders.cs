using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Medulla.Linux.Interop;

namespace Medulla.Bench.Syslog;

/// <summary>
/// Several threads, each with its own unix datagram socket connected to the receiver, sending RFC 3164
/// messages as fast as the receiver takes them. The messages are formatted and laid out for sendmmsg(2)
/// before the clock starts, so a sender costs one system call per <see cref="Batch"/> messages and the
/// senders stay well ahead of every receiver. A blocking unix datagram send waits while the receiver's
/// queue is full: nothing is dropped on the way, every message must reach the receiver's output.
/// </summary>
internal static class DatagramSenders
{
    /// <summary>Messages per sendmmsg(2) call.</summary>
    internal const int Batch = 64;

    private const int EINTR = 4;

    /// <summary>In every message the bench sends, and in nothing else a receiver writes.</summary>
    internal static readonly byte[] Marker = "medulla-bench-msg"u8.ToArray();

    /// <summary>The messages of one sender thread.</summary>
    internal static byte[][] Messages(int sender, int count)
    {
        var messages = new byte[count][];
        string header = $"<14>{DateTime.UtcNow.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture)} benchhost benchsend[{1000 + sender}]: ";
        for (int i = 0; i < count; i++)
        {
            messages[i] = Encoding.ASCII.GetBytes(header + $"medulla-bench-msg sender={sender} n={i} order processed in 12.5 ms for customer alice");
        }
        return messages;
    }

    /// <summary>
    /// Sends every thread's messages at once, starting <paramref name="clock"/> as they are released;
    /// returns when all were sent, with the time the sending took.
    /// </summary>
    internal static TimeSpan Send(string socketPath, byte[][][] perSender, Stopwatch clock)
    {
        var sockets = perSender.Select(_ =>
        {
            var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = true };
            s.Connect(new UnixDomainSocketEndPoint(socketPath));
            return s;
        }).ToArray();
        var batches = perSender.Select(messages => new SendBatch(messages)).ToArray();
        try
        {
            using var go = new Barrier(perSender.Length + 1);
            Exception? failure = null;
            var threads = batches.Select((batch, t) => new Thread(() =>
            {
                int fd = (int)sockets[t].SafeHandle.DangerousGetHandle();
                go.SignalAndWait();
                try
                {
                    batch.SendAll(fd);
                }
                catch (IOException ex)
                {
                    failure = ex;
                }
            }) { Name = $"sender {t}" }).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }
            clock.Start();
            go.SignalAndWait();
            foreach (Thread thread in threads)
            {
                thread.Join();
            }
            TimeSpan took = clock.Elapsed;
            return failure is null ? took : throw failure;
        }
        finally
        {
            foreach (SendBatch batch in batches)
            {
                batch.Dispose();
            }
            foreach (Socket s in sockets)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>
    /// One sender's messages in native memory, with an iovec and an mmsghdr each, so the send loop only
    /// calls sendmmsg(2) (the managed arrays are copied once, before the clock starts).
    /// </summary>
    private sealed unsafe class SendBatch : IDisposable
    {
        private readonly int _count;
        private readonly byte* _data;
        private readonly IoVector* _vectors;
        private readonly MultiMessageHeader* _headers;

        internal SendBatch(byte[][] messages)
        {
            _count = messages.Length;
            nuint total = 0;
            foreach (byte[] m in messages)
            {
                total += (nuint)m.Length;
            }
            _data = (byte*)NativeMemory.Alloc(Math.Max(total, 1));
            _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)Math.Max(_count, 1), (nuint)sizeof(IoVector));
            _headers = (MultiMessageHeader*)NativeMemory.AllocZeroed((nuint)Math.Max(_count, 1), (nuint)sizeof(MultiMessageHeader));
            byte* at = _data;
            for (int i = 0; i < _count; i++)
            {
                messages[i].CopyTo(new Span<byte>(at, messages[i].Length));
                _vectors[i].Base = at;
                _vectors[i].Length = (nuint)messages[i].Length;
                _headers[i].Header.Vectors = &_vectors[i];
                _headers[i].Header.VectorCount = 1;
                at += messages[i].Length;
            }
        }

        /// <summary>Sends every message on the connected socket <paramref name="fd"/>, blocking while the receiver is full.</summary>
        internal void SendAll(int fd)
        {
            int sent = 0;
            while (sent < _count)
            {
                int n = Libc.sendmmsg(fd, _headers + sent, (uint)Math.Min(Batch, _count - sent), 0);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR)
                    {
                        continue;
                    }
                    throw new IOException($"sendmmsg failed after {sent} of {_count} messages: errno {errno}");
                }
                sent += n;
            }
        }

        public void Dispose()
        {
            NativeMemory.Free(_headers);
            NativeMemory.Free(_vectors);
            NativeMemory.Free(_data);
        }
    }
}
