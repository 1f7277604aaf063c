using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;

namespace Medulla.Firmware;

/// <summary>
/// Variables in memory: the backend for an application's own tests and for development machines
/// without a boot loader environment. Nothing survives the process.
/// </summary>
public sealed class MemoryKvBackend : IKvBackend
{
    private readonly Lock _lock = new();
    private ImmutableSortedDictionary<string, string> _values;

    /// <summary>Creates the backend holding <paramref name="values"/> (none when null).</summary>
    /// <exception cref="ArgumentException">A name or value breaks the U-Boot rules.</exception>
    public MemoryKvBackend(IEnumerable<KeyValuePair<string, string>>? values = null)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(VariableOrder.Instance);
        foreach (KeyValuePair<string, string> pair in values ?? [])
        {
            UBootEnvCodec.ValidateName(pair.Key);
            UBootEnvCodec.ValidateValue(pair.Key, pair.Value);
            builder[pair.Key] = pair.Value;
        }
        _values = builder.ToImmutable();
    }

    /// <summary>
    /// Creates the backend holding the values of a configuration section, e.g.
    /// <c>Medulla:Firmware:Values</c>. A nested section names slot variables: <c>{"a": {"nerves_fw_version": "1.0"}}</c>
    /// gives <c>a.nerves_fw_version</c>, the same as the flat key <c>"a.nerves_fw_version"</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A name or value breaks the U-Boot rules.</exception>
    public static MemoryKvBackend FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new MemoryKvBackend(Flatten(section));
    }

    /// <summary>The leaves of a section as variables, nested paths joined with '.'.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Flatten(IConfiguration section)
    {
        foreach (KeyValuePair<string, string?> pair in section.AsEnumerable(makePathsRelative: true))
        {
            if (pair.Value is not null)
            {
                yield return new KeyValuePair<string, string>(pair.Key.Replace(ConfigurationPath.KeyDelimiter, ".", StringComparison.Ordinal), pair.Value);
            }
        }
    }

    /// <inheritdoc/>
    public KvContents Load()
    {
        lock (_lock)
        {
            return new KvContents(_values);
        }
    }

    /// <inheritdoc/>
    public KvContents Commit(IReadOnlyDictionary<string, string?> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lock)
        {
            ImmutableSortedDictionary<string, string>.Builder builder = _values.ToBuilder();
            foreach (KeyValuePair<string, string?> change in changes)
            {
                UBootEnvCodec.ValidateName(change.Key);
                if (change.Value is null)
                {
                    builder.Remove(change.Key);
                }
                else
                {
                    UBootEnvCodec.ValidateValue(change.Key, change.Value);
                    builder[change.Key] = change.Value;
                }
            }
            _values = builder.ToImmutable();
            return new KvContents(_values);
        }
    }
}
