using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Medulla.Devices;

/// <summary>One modprobe run: the aliases it was given and how it ended.</summary>
/// <param name="Aliases">The MODALIAS values passed.</param>
/// <param name="ExitCode">modprobe's exit status, or null when it could not be started.</param>
/// <param name="Error">Why it failed to start, or its standard error when it exited non-zero; null on success.</param>
internal sealed record ModprobeRun(IReadOnlyList<string> Aliases, int? ExitCode, string? Error);

/// <summary>
/// Loads the kernel modules for devices' MODALIAS values, as udevd would: aliases are queued, and one
/// worker runs <c>modprobe -q -a ALIAS...</c> with as many queued aliases as a batch holds, one run at a
/// time. modprobe gets an argument vector, never a shell, so an alias (which comes from hardware) cannot
/// inject anything. <c>-q</c> because most aliases have no module, which is not an error. Each alias is
/// tried once per process.
/// </summary>
internal sealed class ModuleAutoloader : IAsyncDisposable
{
    private readonly string _modprobePath;
    private readonly int _batchSize;
    private readonly DevicesMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Queue<string> _pending = new();
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;

    internal ModuleAutoloader(string modprobePath, int batchSize, DevicesMetrics metrics, ILogger logger)
    {
        _modprobePath = modprobePath;
        _batchSize = batchSize;
        _metrics = metrics;
        _logger = logger;
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Raised on the worker after each run; tests await it instead of sleeping.</summary>
    internal event Action<ModprobeRun>? RunFinished;

    /// <summary>Queues the aliases not asked for before; the ones of one call are queued together, so they share a run when the batch size allows.</summary>
    internal void Request(IEnumerable<string> aliases)
    {
        bool added = false;
        lock (_lock)
        {
            foreach (string alias in aliases)
            {
                if (!string.IsNullOrEmpty(alias) && _requested.Add(alias))
                {
                    _pending.Enqueue(alias);
                    added = true;
                }
            }
        }
        if (added)
        {
            _signal.Release();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<string>(_batchSize);
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stopping.Token).ConfigureAwait(false);
                while (true)
                {
                    batch.Clear();
                    lock (_lock)
                    {
                        while (batch.Count < _batchSize && _pending.TryDequeue(out string? alias))
                        {
                            batch.Add(alias);
                        }
                    }
                    if (batch.Count == 0)
                    {
                        break;
                    }
                    ModprobeRun run = await RunModprobeAsync([.. batch], _stopping.Token).ConfigureAwait(false);
                    _metrics.ModprobeRun(run.Error is null);
                    if (run.Error is not null)
                    {
                        _logger.LogWarning("modprobe for {Count} aliases failed: {Error}", run.Aliases.Count, run.Error);
                    }
                    RunFinished?.Invoke(run);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the queued aliases are left, as the process is going away.
        }
    }

    private async Task<ModprobeRun> RunModprobeAsync(string[] aliases, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_modprobePath)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = false,
        };
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add("-a");
        foreach (string alias in aliases)
        {
            start.ArgumentList.Add(alias);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return new ModprobeRun(aliases, null, $"cannot start {_modprobePath}: {ex.Message}");
        }
        using (process)
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            string error = (await stderr.ConfigureAwait(false)).Trim();
            _ = await stdout.ConfigureAwait(false);
            return process.ExitCode == 0
                ? new ModprobeRun(aliases, 0, null)
                : new ModprobeRun(aliases, process.ExitCode, $"{_modprobePath} exited with {process.ExitCode}: {error}");
        }
    }

    /// <summary>Stops the worker; a running modprobe is waited for no longer.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled in the middle of a run.
        }
        _stopping.Dispose();
        _signal.Dispose();
    }
}
