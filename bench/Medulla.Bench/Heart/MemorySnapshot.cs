namespace Medulla.Bench.Heart;

/// <summary>
/// A process's memory at one moment, in KiB. VmRSS counts every resident page it maps, shared ones
/// (libc, the page cache of its executable) in full; PSS (/proc/PID/smaps_rollup) divides each page by the
/// number of processes mapping it, so it is what the process adds to the machine; null where unreadable.
/// </summary>
internal sealed record MemorySnapshot(
    long ResidentKiB, long PeakResidentKiB, long AnonymousKiB, long FileKiB, long ShmemKiB, int Threads,
    long? ProportionalKiB, long? ProportionalAnonymousKiB, long? ProportionalFileKiB)
{
    internal static MemorySnapshot Read(int pid)
    {
        string status = ProcFs.Read($"/proc/{pid}/status") ?? throw new InvalidOperationException($"process {pid} is gone");
        string? rollup = ProcFs.Read($"/proc/{pid}/smaps_rollup");
        long Kib(string key) => ProcFs.Number(status, key) ?? 0;
        return new MemorySnapshot(
            Kib("VmRSS"), Kib("VmHWM"), Kib("RssAnon"), Kib("RssFile"), Kib("RssShmem"), (int)Kib("Threads"),
            ProcFs.Number(rollup, "Pss"), ProcFs.Number(rollup, "Pss_Anon"), ProcFs.Number(rollup, "Pss_File"));
    }
}
