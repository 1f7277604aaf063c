namespace Medulla.TestSupport;

/// <summary>Scripts that tests write and then run as programs.</summary>
/// <remarks>
/// The executable is written by a <c>cp</c> child process, never through a file descriptor of the test
/// process. Tests run in parallel and start processes: a child forked by another thread while this process
/// had the file open for writing keeps a copy of that descriptor until it execs (O_CLOEXEC closes it only
/// then), and exec'ing the script in that window fails with ETXTBSY ("Text file busy"). The text goes to a
/// staging file that is never executed.
/// </remarks>
public static class Executables
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as a program only its owner may read and run (and, with <paramref name="forEveryone"/>, everyone).</summary>
    /// <exception cref="InvalidOperationException">cp failed.</exception>
    public static void WriteScript(string path, string text, bool forEveryone = false)
    {
        string staging = path + ".staging";
        File.WriteAllText(staging, text);
        try
        {
            ProcessRunner.Run("cp", ["--", staging, path]).EnsureSuccess();
        }
        finally
        {
            File.Delete(staging);
        }
        UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserExecute;
        if (forEveryone)
        {
            mode |= UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
        File.SetUnixFileMode(path, mode);
    }
}
