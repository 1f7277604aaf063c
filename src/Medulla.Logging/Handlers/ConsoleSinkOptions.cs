namespace Medulla.Logging;

/// <summary>Which standard stream a <see cref="ConsoleSink"/> writes to.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It names a standard stream, not a Stream subclass.")]
public enum ConsoleStream
{
    /// <summary>Standard output (fd 1).</summary>
    Stdout,
    /// <summary>Standard error (fd 2).</summary>
    Stderr,
}

/// <summary>Whether a <see cref="ConsoleSink"/> colours records by level.</summary>
public enum ColorMode
{
    /// <summary>Colours when the stream is a terminal and the NO_COLOR environment variable is not set.</summary>
    Auto,
    /// <summary>Always colour, even into a pipe or a file.</summary>
    Always,
    /// <summary>Never colour: the records are written unchanged.</summary>
    Never,
}

/// <summary>Settings of a <see cref="ConsoleSink"/>.</summary>
public sealed record ConsoleSinkOptions
{
    /// <summary>The stream written to (default: standard output).</summary>
    public ConsoleStream Stream { get; init; } = ConsoleStream.Stdout;

    /// <summary>When ANSI colours are used (default: only on a terminal).</summary>
    public ColorMode Colors { get; init; } = ColorMode.Auto;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Stream))
        {
            throw new ArgumentException($"console sink: Stream {Stream} is not valid; expected one of {string.Join(", ", Enum.GetNames<ConsoleStream>())}");
        }
        if (!Enum.IsDefined(Colors))
        {
            throw new ArgumentException($"console sink: Colors {Colors} is not valid; expected one of {string.Join(", ", Enum.GetNames<ColorMode>())}");
        }
    }
}
