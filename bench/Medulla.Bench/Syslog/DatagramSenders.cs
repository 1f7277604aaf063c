using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Medulla.Bench.Syslog;

/// <summary>
/// Several threads, each with its own unix datagram socket connected to the receiver, sending RFC 3164
/// messages as fast as the receiver takes them. The messages are formatted before the clock starts, so
/// a sender costs one send(2) per message. A blocking unix datagram send waits while the receiver's queue
/// is full: nothing is dropped on the way, every message must reach the receiver's output.
/// </summary>
internal static class DatagramSenders
{
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
            var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(socketPath));
            return s;
        }).ToArray();
        try
        {
            using var go = new Barrier(perSender.Length + 1);
            var threads = perSender.Select((messages, t) => new Thread(() =>
            {
                Socket socket = sockets[t];
                go.SignalAndWait();
                foreach (byte[] m in messages)
                {
                    socket.Send(m);
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
            return clock.Elapsed;
        }
        finally
        {
            foreach (Socket s in sockets)
            {
                s.Dispose();
            }
        }
    }
}
