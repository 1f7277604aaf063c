using System.Runtime.ExceptionServices;
using Medulla.Linux;

namespace Medulla.Runtime.Tests.Support;

/// <summary>
/// Runs test code on a thread of its own in a new, private mount namespace: what it mounts is seen by no
/// other process and is gone when the thread ends, so a failing test cannot leave a mount on the host.
/// </summary>
internal static class PrivateMounts
{
    public static void Run(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                MountNamespace.EnterPrivateForThisThread();
                action();
            }
#pragma warning disable CA1031 // rethrown on the test's thread
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }) { Name = "private mount namespace" };
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
