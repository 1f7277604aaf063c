using System.Net.Sockets;
using System.Text;

namespace Medulla.Heart;

/// <summary>
/// Reads the status of a running medulla-heart through its control socket, from any process (the CLI's
/// <c>medulla heart status</c>). The protocol is one exchange: connect to the unix stream socket, read
/// the status report until the heart closes the connection. Nothing is sent, so a client cannot make
/// the heart wait.
/// </summary>
public static class HeartControlClient
{
    /// <summary>The socket path: MEDULLA_HEART_SOCKET when set, else /run/medulla-heart.sock.</summary>
    public static string SocketPathFromEnvironment() =>
        Environment.GetEnvironmentVariable(HeartEnvironment.ControlSocket) is { Length: > 0 } path
            ? path
            : HeartSettings.DefaultControlSocketPath;

    /// <summary>The status report text, as the heart sends it.</summary>
    /// <exception cref="HeartUnavailableException">No heart listens at <paramref name="socketPath"/>, or it did not answer in time.</exception>
    public static async Task<string> ReadStatusTextAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), deadline.Token).ConfigureAwait(false);
            var text = new MemoryStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false)) > 0)
            {
                text.Write(buffer, 0, n);
            }
            return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            throw new HeartUnavailableException($"no heart is running: nothing answers at {socketPath} (set {HeartEnvironment.ControlSocket} if it listens elsewhere)", ex);
        }
        catch (SocketException ex)
        {
            throw new HeartUnavailableException($"cannot read the heart's status from {socketPath}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HeartUnavailableException($"the heart at {socketPath} did not answer within {timeout.TotalSeconds} s", ex);
        }
    }

    /// <summary>The status report, parsed.</summary>
    /// <exception cref="HeartUnavailableException">No heart listens at <paramref name="socketPath"/>, or it did not answer in time.</exception>
    public static async Task<HeartStatus> ReadStatusAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        HeartStatus.Parse(await ReadStatusTextAsync(socketPath, timeout, cancellationToken).ConfigureAwait(false));
}
