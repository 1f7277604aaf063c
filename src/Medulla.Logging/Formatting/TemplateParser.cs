using System.Text;

namespace Medulla.Logging.Formatting;

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
/// Parses the template syntax once: <c>{key}</c>, <c>{key?THEN}</c>, <c>{key?THEN:ELSE}</c> (branches
/// are templates themselves), <c>{{</c> and <c>}}</c> for literal braces, and inside a conditional
/// <c>::</c> for a literal colon. Errors are <see cref="FormatException"/>s with a zero-based position.
/// </summary>
internal static class TemplateParser
{
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
        return ParseSequence(template, ref pos, Context.TopLevel);
    }

    private static TemplatePart[] ParseSequence(string t, ref int pos, Context context)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        while (pos < t.Length)
        {
            char c = t[pos];
            char next = pos + 1 < t.Length ? t[pos + 1] : '\0';
            if (c == '{' && next == '{')
            {
                literal.Append('{');
                pos += 2;
            }
            else if (c == '{')
            {
                FlushLiteral(parts, literal);
                parts.Add(ParsePlaceholder(t, ref pos));
            }
            else if (c == '}' && next == '}')
            {
                literal.Append('}');
                pos += 2;
            }
            else if (c == '}')
            {
                if (context == Context.TopLevel)
                {
                    throw Error(pos, "'}' without a matching '{' (write '}}' for a literal brace)");
                }
                break; // end of a branch: the placeholder parser consumes it
            }
            else if (c == ':' && context != Context.TopLevel)
            {
                if (next == ':')
                {
                    literal.Append(':');
                    pos += 2;
                }
                else if (context == Context.Then)
                {
                    break; // start of the else branch
                }
                else
                {
                    throw Error(pos, "a second ':' in a conditional (write '::' for a literal colon)");
                }
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

    private static TemplatePart ParsePlaceholder(string t, ref int pos)
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
            throw Error(open, "'{' is never closed (write '{{' for a literal brace)");
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
                pos++;
                TemplatePart[] then = ParseSequence(t, ref pos, Context.Then);
                TemplatePart[]? @else = null;
                if (pos < t.Length && t[pos] == ':')
                {
                    pos++;
                    @else = ParseSequence(t, ref pos, Context.Else);
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
