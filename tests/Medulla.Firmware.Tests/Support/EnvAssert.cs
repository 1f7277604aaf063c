namespace Medulla.Firmware.Tests.Support;

/// <summary>Comparisons of environments with messages that say who read what.</summary>
public static class EnvAssert
{
    /// <summary>The same names with the same values; <paramref name="who"/> names the reader in the failure.</summary>
    public static void Same(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual, string who)
    {
        foreach (KeyValuePair<string, string> pair in expected)
        {
            Assert.True(actual.TryGetValue(pair.Key, out string? value), $"{who}: '{pair.Key}' is missing");
            Assert.True(value == pair.Value, $"{who}: '{pair.Key}' is '{value}', expected '{pair.Value}'");
        }
        Assert.True(expected.Count == actual.Count, $"{who}: {actual.Count} variables, expected {expected.Count}: extra {string.Join(", ", actual.Keys.Except(expected.Keys))}");
    }
}
