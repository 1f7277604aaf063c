using Medulla.Firmware;

namespace Medulla.Cli.Firmware;

/// <summary>
/// The script of <c>medulla fw setenv -s FILE</c>: one change per line, in either form the reference
/// tools read, so a script written for libubootenv's fw_setenv (<c>name=value</c>) or for U-Boot's
/// (<c>name value</c>) works unchanged.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Lines end at '\n'; one '\r' before it is dropped (a file written on Windows).</item>
/// <item>Blanks (spaces and tabs) before the name are skipped; a line that is then empty, or starts with '#', is skipped.</item>
/// <item>
/// The name ends at the first '=' or blank, whichever comes first. After '=' the value is the rest of the
/// line exactly as written (libubootenv's form, so <c>bootargs=console=ttyS0 quiet</c> works); after a blank
/// the value starts at the next character that is not a blank (U-Boot's form, <c>bootargs console=ttyS0 quiet</c>).
/// </item>
/// <item>An empty value deletes the variable: <c>name=</c>, or <c>name</c> alone.</item>
/// <item>When a name occurs again, its last line wins.</item>
/// </list>
/// So in a script a name cannot contain a blank, a value cannot contain a line break, and in the
/// <c>name value</c> form a value cannot start with a blank (the <c>name=value</c> form keeps them); set
/// such variables with <c>medulla fw setenv NAME VALUE</c>. libubootenv skips lines without '=' and keeps
/// blanks before a name; U-Boot's tool splits at the first blank even when a '=' comes earlier.
/// </remarks>
internal static class SetenvScript
{
    /// <summary>Reads the changes; a null value deletes the variable.</summary>
    /// <param name="reader">The script's text.</param>
    /// <param name="source">The script's name for messages: its path, or "stdin".</param>
    /// <exception cref="FormatException">A line names no variable or holds a NUL character; the message says <c>source:line: why</c>.</exception>
    internal static Dictionary<string, string?> Parse(TextReader reader, string source)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Split at '\n' only, as both tools do (TextReader.ReadLine would also split at a lone '\r').
        string[] lines = reader.ReadToEnd().Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            ReadOnlySpan<char> text = lines[i].AsSpan();
            if (text.EndsWith('\r'))
            {
                text = text[..^1];
            }
            text = text.TrimStart(" \t");
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }
            int end = text.IndexOfAny("= \t");
            string name = (end < 0 ? text : text[..end]).ToString();
            string value = end < 0 ? ""
                : text[end] == '=' ? text[(end + 1)..].ToString()
                : text[(end + 1)..].TrimStart(" \t").ToString();
            try
            {
                UBootEnvCodec.ValidateName(name);
                UBootEnvCodec.ValidateValue(name, value);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{source}:{lineNumber}: {MedullaCli.MessageOf(ex)}", ex);
            }
            changes[name] = value.Length == 0 ? null : value;
        }
        return changes;
    }
}
