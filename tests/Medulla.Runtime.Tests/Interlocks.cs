using System.Runtime.CompilerServices;

namespace Medulla.Runtime.Tests;

internal static class Interlocks
{
    /// <summary>
    /// Before any test: code that signals PID 1 or calls reboot(2) is refused in this process's PID
    /// namespace, the host's; it runs only in the tests' own namespaces (see PidNamespaces).
    /// </summary>
#pragma warning disable CA2255 // A test assembly's own start, not a library's.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Arm() => PidNamespaces.ArmInterlocks();
}
