namespace Medulla.Heart.Tests.Support;

/// <summary>
/// Options that make <see cref="HeartClient"/> start the real daemon inside a new PID namespace (through
/// heart-in-namespace.sh), with the safety interlock and nothing at system paths.
/// </summary>
internal static class ClientDaemon
{
    public static T Options<T>(TempDirectory dir, T options) where T : HeartClientOptions
    {
        PidNamespaceGuard.AssertTestRunsInHostNamespace();
        options.DaemonPath = Paths.HeartInNamespace;
        options.Environment["MEDULLA_HEART_TEST_DAEMON"] = Paths.Daemon;
        foreach ((string name, string value) in PidNamespaceGuard.SafeEnvironment(dir))
        {
            options.Environment[name] = value;
        }
        File.WriteAllText(dir.Combine("pmsg0"), "");
        return options;
    }
}
