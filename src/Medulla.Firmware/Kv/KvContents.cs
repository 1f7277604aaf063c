namespace Medulla.Firmware;

/// <summary>The variables a backend holds, and any problems it noticed while reading or writing them.</summary>
public sealed class KvContents
{
    /// <summary>Creates the contents.</summary>
    /// <param name="values">The variables; the store hands this dictionary out, so it must not change afterwards.</param>
    /// <param name="warnings">Problems that did not stop the call, e.g. a corrupt redundant copy; null for none.</param>
    public KvContents(IReadOnlyDictionary<string, string> values, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Warnings = warnings ?? [];
    }

    /// <summary>The variables.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Problems that did not stop the call; empty when all is well.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
