namespace Medulla.Firmware;

/// <summary>
/// Where the <see cref="KvStore"/> keeps its variables: the U-Boot environment on a device, memory
/// for tests, or anything an application brings.
/// </summary>
/// <remarks>
/// Implementations are called by one thread at a time per store. A failure is reported by throwing:
/// the store turns it into a <see cref="KvUnavailableException"/> and tries again on its next call.
/// </remarks>
public interface IKvBackend
{
    /// <summary>Reads every variable.</summary>
    KvContents Load();

    /// <summary>
    /// Applies <paramref name="changes"/> to the current contents in one atomic write (a null value
    /// deletes the variable) and returns the contents as written. Either all changes are stored or none.
    /// </summary>
    KvContents Commit(IReadOnlyDictionary<string, string?> changes);
}
