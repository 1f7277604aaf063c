using System.Collections.Immutable;

namespace Medulla.Firmware;

/// <summary>
/// The firmware key-value store: the boot loader's variables (U-Boot environment) as a thread-safe
/// dictionary, with helpers for the active slot's <c>&lt;slot&gt;.&lt;key&gt;</c> variables.
/// </summary>
/// <remarks>
/// The variables are read from the backend at the first call and kept; <see cref="Reload"/> reads them
/// again. Every write is one atomic backend commit and refreshes the kept copy. Names and values follow
/// the U-Boot rules whatever the backend: a name is not empty and has no '=' or NUL, a value has no NUL.
/// When the backend fails, the call throws <see cref="KvUnavailableException"/> (never a silent fall back
/// to memory) and the next call tries the backend again.
/// </remarks>
public sealed class KvStore
{
    private readonly Lock _lock = new();
    private KvContents? _contents;

    /// <summary>Creates a store over <paramref name="backend"/>; nothing is read until the first call.</summary>
    public KvStore(IKvBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Backend = backend;
    }

    /// <summary>The backend the variables live in.</summary>
    public IKvBackend Backend { get; }

    /// <summary>The active slot's prefix, the value of <c>nerves_fw_active</c> ("a" or "b"), or null when unset.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public string? ActiveSlot => Get(FirmwareKeys.Active);

    /// <summary>Problems the backend noticed at the last read or write, e.g. a corrupt redundant copy; empty when all is well.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public IReadOnlyList<string> Warnings => Contents().Warnings;

    /// <summary>The value of <paramref name="key"/>, or null when it is not set.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public string? Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Contents().Values.GetValueOrDefault(key);
    }

    /// <summary>Every variable.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public IReadOnlyDictionary<string, string> GetAll() => Contents().Values;

    /// <summary>The value of <c>&lt;active slot&gt;.&lt;key&gt;</c>, or null when it or the active slot is not set.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public string? GetActive(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        IReadOnlyDictionary<string, string> values = Contents().Values;
        return values.TryGetValue(FirmwareKeys.Active, out string? slot) ? values.GetValueOrDefault(FirmwareKeys.InSlot(slot, key)) : null;
    }

    /// <summary>
    /// The active slot's variables with the <c>&lt;slot&gt;.</c> prefix removed; empty when the active slot
    /// is not set.
    /// </summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public IReadOnlyDictionary<string, string> GetAllActive()
    {
        IReadOnlyDictionary<string, string> values = Contents().Values;
        var active = ImmutableSortedDictionary.CreateBuilder<string, string>(VariableOrder.Instance);
        if (values.TryGetValue(FirmwareKeys.Active, out string? slot))
        {
            string prefix = slot + ".";
            foreach (KeyValuePair<string, string> pair in values)
            {
                if (pair.Key.Length > prefix.Length && pair.Key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    active[pair.Key[prefix.Length..]] = pair.Value;
                }
            }
        }
        return active.ToImmutable();
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, or deletes it when the value is null.</summary>
    /// <exception cref="ArgumentException">The name or value breaks the rules, or the environment would not fit.</exception>
    /// <exception cref="KvUnavailableException">The backend cannot be written; nothing was changed.</exception>
    public void Put(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Put(new Dictionary<string, string?>(StringComparer.Ordinal) { [key] = value });
    }

    /// <summary>
    /// Applies all <paramref name="changes"/> in one atomic write (a null value deletes the variable):
    /// after a power cut either all of them are stored or none.
    /// </summary>
    /// <exception cref="ArgumentException">A name or value breaks the rules, or the environment would not fit; nothing was written.</exception>
    /// <exception cref="KvUnavailableException">The backend cannot be written; nothing was changed.</exception>
    public void Put(IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (KeyValuePair<string, string?> change in changes)
        {
            UBootEnvCodec.ValidateName(change.Key);
            if (change.Value is not null)
            {
                UBootEnvCodec.ValidateValue(change.Key, change.Value);
            }
        }
        if (changes.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            // Whatever happened to a failed write, the kept copy may no longer match the backend.
            _contents = null;
            _contents = Call(() => Backend.Commit(changes), "written");
        }
    }

    /// <summary>Sets <c>&lt;active slot&gt;.&lt;key&gt;</c>, or deletes it when the value is null.</summary>
    /// <exception cref="InvalidOperationException">The active slot (<c>nerves_fw_active</c>) is not set.</exception>
    /// <inheritdoc cref="Put(string, string?)"/>
    public void PutActive(string key, string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        PutActive(new Dictionary<string, string?>(StringComparer.Ordinal) { [key] = value });
    }

    /// <summary>Applies <paramref name="changes"/> to the active slot's variables in one atomic write.</summary>
    /// <exception cref="InvalidOperationException">The active slot (<c>nerves_fw_active</c>) is not set.</exception>
    /// <inheritdoc cref="Put(IReadOnlyDictionary{string, string?})"/>
    public void PutActive(IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        string slot = ActiveSlot ?? throw new InvalidOperationException($"{FirmwareKeys.Active} is not set, so there is no active slot to write to");
        var prefixed = new Dictionary<string, string?>(changes.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string?> change in changes)
        {
            UBootEnvCodec.ValidateName(change.Key);
            prefixed[FirmwareKeys.InSlot(slot, change.Key)] = change.Value;
        }
        Put(prefixed);
    }

    /// <summary>Reads the variables from the backend again, picking up what other programs wrote.</summary>
    /// <exception cref="KvUnavailableException">The backend cannot be read.</exception>
    public void Reload()
    {
        lock (_lock)
        {
            _contents = null;
            _contents = Call(Backend.Load, "read");
        }
    }

    private KvContents Contents()
    {
        lock (_lock)
        {
            return _contents ??= Call(Backend.Load, "read");
        }
    }

    private static KvContents Call(Func<KvContents> call, string what)
    {
        try
        {
            return call() ?? throw new InvalidOperationException("the backend returned no contents");
        }
        catch (Exception ex) when (ex is not (ArgumentException or KvUnavailableException or OutOfMemoryException))
        {
            throw new KvUnavailableException($"the firmware variables cannot be {what}: {ex.Message}", ex);
        }
    }
}
