using System.Diagnostics;
using Medulla.Bench.Measurement;
using Medulla.Bench.Scenarios;

namespace Medulla.Bench.Firmware;

/// <summary>What one in-process operation cost: the median of several timed samples, and the bytes it allocated.</summary>
internal sealed record EnvReadResult(string Operation, double MedianNs, double MinNs, double MaxNs, double BytesPerOperation, int Samples, long OperationsPerSample);

/// <summary>
/// Times an operation in this process: warmed up until the JIT is quiet (as the logging scenarios are),
/// then a number of samples of a fixed number of calls, each sample about a fifth of a second long.
/// </summary>
internal static class EnvReadMeasurement
{
    internal const int Samples = 9;
    private static readonly TimeSpan SampleLength = TimeSpan.FromMilliseconds(200);

    internal static EnvReadResult Measure(string operation, Func<object?> call)
    {
        ScenarioRunner.WarmUntilJitQuiet(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                GC.KeepAlive(call());
            }
        });

        // Calls per sample from a short timed run, so that slow and fast operations get samples of similar length.
        long start = Stopwatch.GetTimestamp();
        int probe = 0;
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromMilliseconds(50))
        {
            GC.KeepAlive(call());
            probe++;
        }
        long perSample = Math.Max(1, (long)(probe * (SampleLength / Stopwatch.GetElapsedTime(start))));

        CpuTime.WaitForQuiet(TimeSpan.FromSeconds(5));
        var samples = new double[Samples];
        long bytes = 0;
        for (int s = 0; s < Samples; s++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetAllocatedBytesForCurrentThread();
            long begin = Stopwatch.GetTimestamp();
            for (long i = 0; i < perSample; i++)
            {
                GC.KeepAlive(call());
            }
            samples[s] = Stopwatch.GetElapsedTime(begin).TotalNanoseconds / perSample;
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Array.Sort(samples);
        return new EnvReadResult(operation, samples[Samples / 2], samples[0], samples[^1], (double)bytes / (Samples * perSample), Samples, perSample);
    }
}
