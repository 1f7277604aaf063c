using System.Globalization;

namespace Medulla.Bench.Orchestration;

/// <summary>
/// The options of one bench command: <c>--name VALUE</c> pairs and bare flags, each allowed name listed
/// by the command. An unknown option, a missing value or a number out of range is an
/// <see cref="ArgumentException"/> with the usage text.
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly string _usage;

    private CommandOptions(string usage) => _usage = usage;

    internal static CommandOptions Parse(string[] args, string usage, string[] valued, string[] flags)
    {
        var options = new CommandOptions(usage);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (flags.Contains(name))
            {
                options._flags.Add(name);
            }
            else if (valued.Contains(name) && i + 1 < args.Length)
            {
                options._values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown or incomplete option '{name}'\n{usage}");
            }
        }
        return options;
    }

    internal bool Flag(string name) => _flags.Contains(name);

    internal int Int(string name, int fallback, int min)
    {
        if (!_values.TryGetValue(name, out string? text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min)
        {
            throw new ArgumentException($"{name} must be a whole number of at least {min} (got '{text}')\n{_usage}");
        }
        return value;
    }

    /// <summary>The option's value as given, or null when it was not given.</summary>
    internal string? Text(string name) => _values.GetValueOrDefault(name);

    /// <summary>A comma-separated list, or null when the option was not given.</summary>
    internal ISet<string>? List(string name) =>
        _values.TryGetValue(name, out string? text) ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
}
