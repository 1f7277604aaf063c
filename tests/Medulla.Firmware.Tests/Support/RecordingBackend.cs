namespace Medulla.Firmware.Tests.Support;

/// <summary>A memory backend that counts calls and can be told to fail, for the store's contract.</summary>
public sealed class RecordingBackend : IKvBackend
{
    private readonly MemoryKvBackend _inner;

    public RecordingBackend(IEnumerable<KeyValuePair<string, string>>? values = null) => _inner = new MemoryKvBackend(values);

    public int Loads { get; private set; }

    public List<IReadOnlyDictionary<string, string?>> Commits { get; } = [];

    /// <summary>The next calls throw this many times.</summary>
    public int FailNext { get; set; }

    public KvContents Load()
    {
        Loads++;
        FailIfAsked();
        return _inner.Load();
    }

    public KvContents Commit(IReadOnlyDictionary<string, string?> changes)
    {
        Commits.Add(new Dictionary<string, string?>(changes));
        FailIfAsked();
        return _inner.Commit(changes);
    }

    /// <summary>Changes the variables behind the store's back, as another program would.</summary>
    public void ChangeOutside(string key, string? value) => _inner.Commit(new Dictionary<string, string?> { [key] = value });

    private void FailIfAsked()
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("device went away");
        }
    }
}
