using System.Text;

namespace Medulla.Firmware.Tests.Support;

/// <summary>
/// Random variables that every tool can carry: names without '=' that do not start with '#' or a space;
/// single-line values with spaces, '=', and multi-byte UTF-8 (including characters outside the BMP),
/// and no backslash (mkenvimage reads a backslash before a newline as a continuation).
/// </summary>
public sealed class RandomEnv
{
    private const string NameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-:/+@ #";
    private const string ValueChars = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~===   ";
    private static readonly string[] Unicode = ["é", "ß", "Ω", "中", "文", "ü", "\u00a0", "€", "😀", "𝄞", "\uE000", "\uFFFD"];

    public RandomEnv(int seed) => Random = new Random(seed);

    public Random Random { get; }

    public string Name()
    {
        int length = Random.Next(1, 20);
        var name = new StringBuilder();
        while (name.Length < length)
        {
            if (Random.Next(8) == 0)
            {
                name.Append(Unicode[Random.Next(Unicode.Length)]);
            }
            else
            {
                char c = NameChars[Random.Next(NameChars.Length)];
                if (name.Length == 0 && c is '#' or ' ')
                {
                    continue;
                }
                name.Append(c);
            }
        }
        return name.ToString();
    }

    public string Value(bool allowEmpty)
    {
        int length = Random.Next(allowEmpty ? 0 : 1, 50);
        var value = new StringBuilder();
        while (value.Length < length)
        {
            value.Append(Random.Next(6) == 0 ? Unicode[Random.Next(Unicode.Length)] : ValueChars[Random.Next(ValueChars.Length)].ToString());
        }
        return value.ToString();
    }

    public Dictionary<string, string> Variables(int maxCount, bool allowEmptyValues)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        int count = Random.Next(0, maxCount + 1);
        for (int i = 0; i < count; i++)
        {
            variables[Name()] = Value(allowEmptyValues);
        }
        return variables;
    }

    /// <summary>Sets of new and existing names and deletions of existing ones.</summary>
    public Dictionary<string, string?> Changes(IReadOnlyDictionary<string, string> current, bool allowEmptyValues)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        int count = Random.Next(1, 7);
        string[] existing = [.. current.Keys];
        for (int i = 0; i < count; i++)
        {
            int kind = Random.Next(3);
            if (kind == 0 || existing.Length == 0)
            {
                changes[Name()] = Value(allowEmptyValues);
            }
            else if (kind == 1)
            {
                changes[existing[Random.Next(existing.Length)]] = Value(allowEmptyValues);
            }
            else
            {
                changes[existing[Random.Next(existing.Length)]] = null;
            }
        }
        return changes;
    }

    public static void Apply(Dictionary<string, string> model, IReadOnlyDictionary<string, string?> changes)
    {
        foreach (KeyValuePair<string, string?> change in changes)
        {
            if (change.Value is null)
            {
                model.Remove(change.Key);
            }
            else
            {
                model[change.Key] = change.Value;
            }
        }
    }

    /// <summary>The seed for a randomized test: MEDULLA_TEST_SEED when set, else a fresh one (printed on failure).</summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("MEDULLA_TEST_SEED"), out int seed) ? seed : Random.Shared.Next();

    /// <summary>Runs one round, adding the seed and round to any failure so it can be replayed.</summary>
    public static void Round(int seed, int round, Action body)
    {
        try
        {
            body();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"failed with seed {seed} (replay: MEDULLA_TEST_SEED={seed}), round {round}: {ex.Message}", ex);
        }
    }
}
