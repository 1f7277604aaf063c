using Medulla.Logging;

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
    /// <summary>How long the pmsg handler's first write waits at most for the gate.</summary>
    public static readonly TimeSpan Limit = WriteGate.Limit;

    private static readonly WriteGate Gate = new();

    /// <summary>Whether the gate is held (the pmsg handler's first write waits).</summary>
    public static bool IsHeld => Gate.IsHeld;

    /// <summary>Holds the gate (again, when it was opened before).</summary>
    public static void Hold() => Gate.Hold();

    /// <summary>Opens the gate: the pmsg handler writes.</summary>
    public static void Open() => Gate.Open();

    internal static bool WaitOpen(TimeSpan limit) => Gate.Wait(limit);

    internal static void Reset() => Gate.Reset();
}
