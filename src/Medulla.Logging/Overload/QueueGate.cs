namespace Medulla.Logging;

/// <summary>
/// The spin lock that guards a handler queue's state: held for tens of nanoseconds, never across a wait
/// or a system call.
/// </summary>
/// <remarks>
/// Why not <c>lock</c>: every event takes this lock once, and a monitor costs two interlocked
/// instructions plus a look-up of the current thread (about 25 ns on the machine in docs/benchmarks.md);
/// this gate costs one interlocked instruction to enter and a plain release store to leave (about
/// 10 ns). Waiting for work or for room happens elsewhere (see <see cref="OverloadQueue"/>).
/// </remarks>
internal sealed class QueueGate
{
    private int _taken;

    internal void Enter()
    {
        if (Interlocked.CompareExchange(ref _taken, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    internal void Exit() => Volatile.Write(ref _taken, 0);

    private void EnterContended()
    {
        int round = 0;
        do
        {
            // Spin briefly, then give the core away: on a two-core device the holder may be waiting
            // for this very core. Thread.Yield and SpinWait cannot be interrupted (Thread.Sleep can),
            // so an interrupted caller never leaves the gate in a wrong state.
            if (round < 4)
            {
                Thread.SpinWait(1 << round);
            }
            else
            {
                Thread.Yield();
            }
            round++;
        }
        while (Volatile.Read(ref _taken) != 0 || Interlocked.CompareExchange(ref _taken, 1, 0) != 0);
    }
}
