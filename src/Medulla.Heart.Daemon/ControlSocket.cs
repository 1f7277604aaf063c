using System.Net.Sockets;
using System.Text;
using Medulla.Linux;

namespace Medulla.Heart.Daemon;

/// <summary>
/// The local control channel: a unix stream socket (mode 0600) that answers every connection with the
/// status report and closes it. The heart reads nothing from it, so no client can stall the heart.
/// </summary>
internal sealed class ControlSocket : IDisposable
{
    private readonly Socket _listener;
    private readonly string _path;

    private ControlSocket(Socket listener, string path)
    {
        _listener = listener;
        _path = path;
    }

    /// <summary>The listening descriptor, for poll(2).</summary>
    public int Fd => (int)_listener.Handle;

    /// <summary>
    /// Listens at <paramref name="path"/>, replacing a stale socket left by a heart that died. Returns null
    /// (after logging why) when that is impossible or another heart answers there: the heart runs on
    /// without a control channel, which only the CLI misses.
    /// </summary>
    public static ControlSocket? TryOpen(string? path, DaemonLog log)
    {
        if (path is null)
        {
            return null;
        }
        try
        {
            switch (FileTypes.OfPath(path))
            {
                case null:
                    break;
                case FileType.Socket when !IsAnswering(path):
                    File.Delete(path);
                    break;
                case FileType.Socket:
                    log.Failure($"another heart answers at {path}; running without a control socket");
                    return null;
                default:
                    log.Failure($"{path} exists and is not a socket; running without a control socket");
                    return null;
            }
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                listener.Bind(new UnixDomainSocketEndPoint(path));
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                listener.Listen(8);
                listener.Blocking = false;
                return new ControlSocket(listener, path);
            }
            catch
            {
                listener.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
        {
            log.Failure($"cannot listen at {path}, running without a control socket: {ex.Message}");
            return null;
        }
    }

    /// <summary>Answers every waiting connection with <paramref name="report"/>.</summary>
    public void AnswerWaiting(Func<string> report)
    {
        byte[]? bytes = null;
        while (true)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException)
            {
                // WouldBlock: nobody else is waiting (or the client gave up already).
                return;
            }
            using (client)
            {
                bytes ??= Encoding.UTF8.GetBytes(report());
                try
                {
                    // A new connection's send buffer is empty and the report is small, so this never waits.
                    client.Blocking = false;
                    client.Send(bytes);
                }
                catch (SocketException)
                {
                    // The client went away; nothing to do.
                }
            }
        }
    }

    /// <summary>Stops listening and removes the socket file.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsAnswering(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
