namespace Medulla.Pstore;

/// <summary>
/// Holds back the first pmsg write of this process until the previous boot's pstore records are
/// archived. Erasing the pmsg record (what archiving does to free pstore) also clears ramoops' pmsg
/// zone, and with it every line this boot already wrote there: so nothing may be written before.
/// <see cref="Hold"/> is called when the archive at start is registered; the archive opens the gate when
/// it is done (or has failed). A gate nobody opens opens by itself after <see cref="Limit"/>, so pmsg
/// is never silenced for good. Until then records wait in the pmsg handler's queue, under its overload
/// protection.
/// </summary>
public static class PmsgWriteGate
{
    /// <summary>The longest the first write waits for the archive.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly object Lock = new();
    private static ManualResetEventSlim? _gate;

    /// <summary>Whether writes are held back now.</summary>
    public static bool IsHeld
    {
        get
        {
            lock (Lock)
            {
                return _gate is { IsSet: false };
            }
        }
    }

    /// <summary>Holds back pmsg writes until <see cref="Open"/> (or <see cref="Limit"/>); a sink that already wrote is not held again.</summary>
    public static void Hold()
    {
        lock (Lock)
        {
            if (_gate is null || _gate.IsSet)
            {
                _gate = new ManualResetEventSlim(false);
            }
        }
    }

    /// <summary>Lets pmsg writes through; the records held back are written in order.</summary>
    public static void Open()
    {
        lock (Lock)
        {
            _gate?.Set();
        }
    }

    /// <summary>Waits while the gate is held; returns false when <paramref name="limit"/> passed first.</summary>
    internal static bool WaitOpen(TimeSpan limit)
    {
        ManualResetEventSlim? gate;
        lock (Lock)
        {
            gate = _gate;
        }
        return gate is null || gate.Wait(limit);
    }

    /// <summary>Back to no gate at all (tests).</summary>
    internal static void Reset()
    {
        lock (Lock)
        {
            _gate?.Set();
            _gate = null;
        }
    }
}
