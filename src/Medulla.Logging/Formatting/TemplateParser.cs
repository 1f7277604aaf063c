using System.Text;

namespace Medulla.Logging;

/// <summary>The values a template can name; <see cref="Custom"/> is looked up among properties, then metadata.</summary>
internal enum TemplateKey
{
    Custom,
    Time,
    Level,
    LevelUpper,
    Category,
    Message,
    Template,
    Exception,
    EventId,
    EventName,
    Domain,
    Scopes,
    OriginalLevel,
    Pid,
    Thread,
}

internal enum TemplatePartKind
{
    Literal,
    Value,
    Conditional,
}

/// <summary>One piece of a parsed template: literal UTF-8, a value, or a conditional with its branches.</summary>
internal sealed class TemplatePart
{
    private TemplatePart(TemplatePartKind kind, byte[] literal, TemplateKey key, string name, TemplatePart[] then, TemplatePart[]? @else)
    {
        Kind = kind;
        Literal = literal;
        Key = key;
        Name = name;
        Then = then;
        Else = @else;
    }

    public TemplatePartKind Kind { get; }

    /// <summary>UTF-8 text of a literal part.</summary>
    public byte[] Literal { get; }

    public TemplateKey Key { get; }

    /// <summary>The key as written (the lookup name for <see cref="TemplateKey.Custom"/>).</summary>
    public string Name { get; }

    /// <summary>The branch used when the key is present (conditionals only).</summary>
    public TemplatePart[] Then { get; }

    /// <summary>The branch used when the key is absent; null when the conditional has no else branch.</summary>
    public TemplatePart[]? Else { get; }

    public static TemplatePart ForLiteral(string text) =>
        new(TemplatePartKind.Literal, Encoding.UTF8.GetBytes(text), TemplateKey.Custom, "", [], null);

    public static TemplatePart ForValue(string name) =>
        new(TemplatePartKind.Value, [], KeyOf(name), name, [], null);

    public static TemplatePart ForConditional(string name, TemplatePart[] then, TemplatePart[]? @else) =>
        new(TemplatePartKind.Conditional, [], KeyOf(name), name, then, @else);

    private static TemplateKey KeyOf(string name) => name switch
    {
        "time" => TemplateKey.Time,
        "level" => TemplateKey.Level,
        "LEVEL" => TemplateKey.LevelUpper,
        "category" => TemplateKey.Category,
        "msg" or "message" => TemplateKey.Message,
        "template" => TemplateKey.Template,
        "exception" => TemplateKey.Exception,
        "event_id" => TemplateKey.EventId,
        "event_name" => TemplateKey.EventName,
        "domain" => TemplateKey.Domain,
        "scopes" => TemplateKey.Scopes,
        "original_level" => TemplateKey.OriginalLevel,
        "pid" => TemplateKey.Pid,
        "thread" => TemplateKey.Thread,
        _ => TemplateKey.Custom,
    };
}

/// <summary>
/// Parses the template syntax once (the grammar is in docs/logging.md, "Template grammar"):
/// <c>{key}</c>, <c>{key?THEN}</c>, <c>{key?THEN:ELSE}</c>, where the branches are templates themselves.
/// Outside placeholders <c>{{</c> and <c>}}</c> are literal braces and everything else is literal text.
/// Inside a branch <c>}</c> always closes the innermost conditional and <c>{</c> always opens a
/// placeholder, so any nesting can be written; literal braces, colons and backslashes there are
/// <c>\{</c>, <c>\}</c>, <c>\:</c> (or <c>::</c>) and <c>\\</c>. Conditionals nest at most
/// <see cref="MaxDepth"/> deep, which bounds the recursion of parsing and rendering alike.
/// Errors are <see cref="FormatException"/>s with a zero-based position.
/// </summary>
internal static class TemplateParser
{
    /// <summary>How deep conditionals may nest; deeper templates are refused, not parsed.</summary>
    public const int MaxDepth = 32;

    private enum Context
    {
        TopLevel,
        Then,
        Else,
    }

    public static TemplatePart[] Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        int pos = 0;
        return ParseSequence(template, ref pos, Context.TopLevel, depth: 0);
    }

    /// <summary>
    /// Parses literal text and placeholders up to the end of the template or of the branch;
    /// <paramref name="depth"/> is how many conditionals enclose it.
    /// </summary>
    private static TemplatePart[] ParseSequence(string t, ref int pos, Context context, int depth)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        while (pos < t.Length)
        {
            char c = t[pos];
            char next = pos + 1 < t.Length ? t[pos + 1] : '\0';
            if (c == '{' && next == '{' && context == Context.TopLevel)
            {
                literal.Append('{');
                pos += 2;
            }
            else if (c == '{' && next == '{')
            {
                throw Error(pos, "'{{' inside a conditional: write '\\{' for a literal '{' ('{{' and '}}' are literal braces only outside placeholders)");
            }
            else if (c == '{')
            {
                FlushLiteral(parts, literal);
                parts.Add(ParsePlaceholder(t, ref pos, depth));
            }
            else if (c == '}' && context != Context.TopLevel)
            {
                break; // end of a branch: the placeholder parser consumes it
            }
            else if (c == '}' && next == '}')
            {
                literal.Append('}');
                pos += 2;
            }
            else if (c == '}')
            {
                throw Error(pos, "'}' without a matching '{' (write '}}' for a literal brace)");
            }
            else if (context == Context.TopLevel)
            {
                literal.Append(c);
                pos++;
            }
            else if (c == '\\')
            {
                literal.Append(Escaped(t, pos));
                pos += 2;
            }
            else if (c == ':' && next == ':')
            {
                literal.Append(':');
                pos += 2;
            }
            else if (c == ':' && context == Context.Then)
            {
                break; // start of the else branch
            }
            else if (c == ':')
            {
                throw Error(pos, "a second ':' in a conditional (write '\\:' or '::' for a literal colon)");
            }
            else
            {
                literal.Append(c);
                pos++;
            }
        }
        FlushLiteral(parts, literal);
        return [.. parts];
    }

    /// <summary>The character a backslash at <paramref name="pos"/> escapes, inside a branch.</summary>
    private static char Escaped(string t, int pos)
    {
        if (pos + 1 >= t.Length)
        {
            throw Error(pos, "'\\' at the end of the template: inside a conditional write '\\\\' for a literal backslash");
        }
        char escaped = t[pos + 1];
        return escaped is '{' or '}' or ':' or '\\'
            ? escaped
            : throw Error(pos, $"'\\{escaped}' is not an escape: inside a conditional a backslash comes before '{{', '}}', ':' or another backslash");
    }

    private static TemplatePart ParsePlaceholder(string t, ref int pos, int depth)
    {
        int open = pos;
        pos++;
        int keyStart = pos;
        while (pos < t.Length && t[pos] is not ('{' or '}' or '?' or ':'))
        {
            pos++;
        }
        string key = t[keyStart..pos];
        if (pos >= t.Length)
        {
            string hint = depth == 0 ? "'{{'" : "'\\{'";
            throw Error(open, $"'{{' is never closed (write {hint} for a literal brace)");
        }
        if (key.Length == 0)
        {
            throw Error(keyStart, "empty key");
        }
        if (char.IsWhiteSpace(key[0]) || char.IsWhiteSpace(key[^1]))
        {
            throw Error(keyStart, $"key '{key}' starts or ends with white space");
        }
        for (int i = 0; i < key.Length; i++)
        {
            if (char.IsControl(key[i]))
            {
                throw Error(keyStart + i, "control character in a key");
            }
        }
        switch (t[pos])
        {
            case '}':
                pos++;
                return TemplatePart.ForValue(key);
            case '?':
                if (depth >= MaxDepth)
                {
                    throw Error(open, $"conditionals nested deeper than {MaxDepth} levels");
                }
                pos++;
                TemplatePart[] then = ParseSequence(t, ref pos, Context.Then, depth + 1);
                TemplatePart[]? @else = null;
                if (pos < t.Length && t[pos] == ':')
                {
                    pos++;
                    @else = ParseSequence(t, ref pos, Context.Else, depth + 1);
                }
                if (pos >= t.Length)
                {
                    throw Error(open, $"conditional '{{{key}?' is never closed with '}}'");
                }
                pos++; // the closing '}'
                return TemplatePart.ForConditional(key, then, @else);
            case ':':
                throw Error(pos, $"unexpected ':' after key '{key}': expected '}}' or '?' (format specifiers are not supported)");
            default:
                throw Error(pos, $"unexpected '{{' in key '{key}'");
        }
    }

    private static void FlushLiteral(List<TemplatePart> parts, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            parts.Add(TemplatePart.ForLiteral(literal.ToString()));
            literal.Clear();
        }
    }

    private static FormatException Error(int position, string what) =>
        new($"malformed log template at position {position}: {what}");
}
