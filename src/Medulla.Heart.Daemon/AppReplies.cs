using Medulla.Linux;
using Microsoft.Win32.SafeHandles;

namespace Medulla.Heart.Daemon;

/// <summary>
/// The frames the heart sends the app on its stdout (ACKs, status reports), written without ever making
/// the heart's loop wait: an app that stops reading its pipe must not stop the deadline, the pets or the
/// reboot. Frames the pipe does not take at once wait in a bounded buffer, flushed when poll(2) says the
/// pipe is writable; a frame that does not fit there is dropped whole and counted. The buffer only ever
/// holds whole frames (the first possibly partly written already), so the app never reads half a frame
/// followed by another one.
/// </summary>
internal sealed class AppReplies
{
    /// <summary>How many bytes of frames wait for an app that does not read: dozens of status reports.</summary>
    public const int Capacity = 16 * 1024;

    private const string Name = "stdout";

    private readonly SafeFileHandle _stdout;
    private readonly DaemonLog _log;
    private readonly byte[] _pending = new byte[Capacity];
    private int _start;
    private int _end;
    private long _droppedInStall;
    private bool _gone;

    public AppReplies(SafeFileHandle stdout, DaemonLog log)
    {
        _stdout = stdout;
        _log = log;
    }

    /// <summary>Frames dropped because the app did not read them, since the heart started.</summary>
    public long Dropped { get; private set; }

    /// <summary>Whether frames wait for the pipe to become writable (poll stdout for POLLOUT).</summary>
    public bool HasPending => _end > _start;

    /// <summary>
    /// Makes stdout non-blocking when it is a pipe or a socket, the ways an app talks to the heart. Any
    /// other stdout (a file, /dev/null, a terminal shared with a shell) is left as it is: none of them
    /// waits for a reader, and a terminal's flags are not the heart's to change.
    /// </summary>
    public void Start()
    {
        try
        {
            if (FileTypes.OfHandle(_stdout) is FileType.Fifo or FileType.Socket)
            {
                StreamDescriptor.MakeNonBlocking(_stdout, Name);
            }
        }
        catch (IOException ex)
        {
            _log.Warning($"cannot make stdout non-blocking, an app that stops reading it can stall the heart: {ex.Message}");
        }
    }

    /// <summary>
    /// Sends a frame, or queues it behind the frames still waiting, or drops it when it does not fit.
    /// Returns false once the app's end of the pipe is closed (its stdin closes too, which leads to the reboot).
    /// </summary>
    public bool Send(ReadOnlySpan<byte> frame)
    {
        if (_gone)
        {
            return false;
        }
        if (_end - _start + frame.Length > Capacity)
        {
            Drop(frame);
            return true;
        }
        if (_end + frame.Length > Capacity)
        {
            _pending.AsSpan(_start, _end - _start).CopyTo(_pending);
            _end -= _start;
            _start = 0;
        }
        frame.CopyTo(_pending.AsSpan(_end));
        _end += frame.Length;
        Flush();
        return !_gone;
    }

    /// <summary>Writes what the pipe takes now of the waiting frames.</summary>
    public void Flush()
    {
        while (HasPending && !_gone)
        {
            int written;
            try
            {
                written = StreamDescriptor.WriteWithoutWaiting(_stdout, _pending.AsSpan(_start, _end - _start), Name);
            }
            catch (IOException ex)
            {
                _log.Detail($"cannot write to the app: {ex.Message}");
                _gone = true;
                _start = _end = 0;
                return;
            }
            if (written == 0)
            {
                return;
            }
            _start += written;
        }
        _start = _end = 0;
        if (_droppedInStall > 0)
        {
            _log.Warning($"the app reads its stdout again; {_droppedInStall} replies dropped while it did not");
            _droppedInStall = 0;
        }
    }

    private void Drop(ReadOnlySpan<byte> frame)
    {
        if (_droppedInStall++ == 0)
        {
            _log.Warning($"the app does not read its stdout: dropping replies (op {frame[2]}) that do not fit in the {Capacity} bytes kept for it, until it reads again");
        }
        Dropped++;
    }
}
