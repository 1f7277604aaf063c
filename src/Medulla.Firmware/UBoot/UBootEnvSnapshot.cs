namespace Medulla.Firmware;

/// <summary>The environment as read from (or just written to) the device.</summary>
public sealed class UBootEnvSnapshot
{
    private readonly EnvBlock _current;

    internal UBootEnvSnapshot(EnvLayout layout, EnvBlock current, int currentCopy, IReadOnlyList<EnvCopyStatus> copies, IReadOnlyList<string> warnings, bool written)
    {
        Layout = layout;
        _current = current;
        CurrentCopy = currentCopy;
        Copies = copies;
        Warnings = warnings;
        Written = written;
    }

    /// <summary>Single or redundant.</summary>
    public EnvLayout Layout { get; }

    /// <summary>
    /// The variables of the current copy as strings, ordered by name (UTF-8 byte order, as fw_printenv lists
    /// them). Bytes that are not UTF-8 read as U+FFFD; of names that read alike that way, this view holds
    /// the first in byte order.
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables => _current.Variables;

    /// <summary>The variables of the current copy as stored, bytes that are not UTF-8 included, ordered by name bytes.</summary>
    public IReadOnlyList<EnvEntry> Entries => _current.Entries;

    /// <summary>The index of the copy the variables come from: the newest valid one.</summary>
    public int CurrentCopy { get; }

    /// <summary>Every copy, in fw_env.config order.</summary>
    public IReadOnlyList<EnvCopyStatus> Copies { get; }

    /// <summary>
    /// Problems that did not stop the read: a redundant copy that is corrupt, blank or truncated (the next
    /// write replaces it), entries that were skipped. Empty when all is well.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the call that returned this snapshot wrote a copy.</summary>
    public bool Written { get; }
}
