namespace Medulla.Linux.Tests;

public sealed class FileLockTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-linux-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_second_holder_times_out_with_an_error_naming_the_lock_file()
    {
        // given one holder
        string path = _dir.File("fw_printenv.lock");
        using FileLock first = FileLock.TryAcquire(path, TimeSpan.Zero) ?? throw new InvalidOperationException("no lock file");

        // when a second one waits a bounded time
        var error = Assert.Throws<LinuxIOException>(() => FileLock.TryAcquire(path, TimeSpan.FromMilliseconds(50)));

        // then it fails, naming the file
        Assert.Equal(Errno.EAGAIN, error.Errno);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("still held", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_holder_gets_the_lock_once_the_first_releases_it()
    {
        // given one holder and a second waiting without a practical limit
        string path = _dir.File("lock");
        FileLock first = FileLock.TryAcquire(path, TimeSpan.Zero)!;
        Task<FileLock?> second = Task.Run(() => FileLock.TryAcquire(path, TimeSpan.FromMinutes(5)));
        Assert.False(second.IsCompleted);

        // when the first releases
        first.Dispose();

        // then the second holds it
        using FileLock? acquired = await second.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(acquired);
    }

    [Fact]
    public void A_lock_held_by_another_process_with_flock1_is_respected()
    {
        // given util-linux's flock(1) holding the lock in another process until its stdin closes
        string flock = ProcessRunner.Require("flock", "util-linux");
        string path = _dir.File("lock");
        var start = new System.Diagnostics.ProcessStartInfo(flock) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { path, "-c", "echo locked; cat >/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }
        using var holder = System.Diagnostics.Process.Start(start)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());

            // then we cannot take it within the timeout
            Assert.Throws<LinuxIOException>(() => FileLock.TryAcquire(path, TimeSpan.FromMilliseconds(20)));

            // and once the holder has exited, we can
            holder.StandardInput.Close();
            Assert.True(holder.WaitForExit(TimeSpan.FromMinutes(1)));
            using FileLock? mine = FileLock.TryAcquire(path, TimeSpan.Zero);
            Assert.NotNull(mine);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }
        }
    }

    [Fact]
    public void A_lock_file_that_cannot_be_created_gives_no_lock_rather_than_an_error()
    {
        Assert.Null(FileLock.TryAcquire(_dir.Combine("missing-directory", "lock"), TimeSpan.Zero));
    }
}
