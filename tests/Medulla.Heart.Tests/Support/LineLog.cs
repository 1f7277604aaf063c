namespace Medulla.Heart.Tests.Support;

/// <summary>Lines arriving from a process (its stderr), kept in order and awaitable.</summary>
internal sealed class LineLog
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(string line)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _lines.Add(line);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    /// <summary>Marks the end: waiters for lines that never came fail at once.</summary>
    public void Close() => Add("\0closed");

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines.Where(l => l != "\0closed")];
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    public bool Contains(string part) => Lines.Any(l => l.Contains(part, StringComparison.Ordinal));

    /// <summary>Waits for a line containing <paramref name="part"/>; fails with everything seen so far.</summary>
    public async Task<string> WaitForAsync(string part, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                string? line = _lines.FirstOrDefault(l => l.Contains(part, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line;
                }
                if (_lines.Contains("\0closed"))
                {
                    Assert.Fail($"no line with '{part}' before the stream closed; lines:\n{Text}");
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no line with '{part}' within {timeout.TotalSeconds} s; lines:\n{Text}");
            }
        }
    }
}
