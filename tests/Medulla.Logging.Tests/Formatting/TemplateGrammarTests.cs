using System.Text;
using Medulla.Logging;
using static Medulla.Logging.Tests.Formatting.FormatterHarness;

namespace Medulla.Logging.Tests.Formatting;

/// <summary>The template grammar of docs/logging.md: nesting, escapes and the depth limit.</summary>
public class TemplateGrammarTests
{
    private static LogEvent WithException() => Event(exception: new InvalidOperationException("boom"));

    private static string Nested(int depth, string innermost) =>
        string.Concat(Enumerable.Repeat("{msg?", depth)) + innermost + new string('}', depth);

    // ---- nesting ----

    [Fact]
    public void Closing_braces_close_nested_conditionals()
    {
        const string template = "{msg?{exception?x}}";

        Assert.Equal("x", Format(template, WithException()));
        Assert.Equal("", Format(template, Event()));
        Assert.Equal("", Format(template, Event("")));
    }

    [Fact]
    public void A_conditional_nests_in_an_else_branch_and_closes_with_its_parent()
    {
        const string template = "{exception?E:{event_name?N:none}}";

        Assert.Equal("E", Format(template, WithException()));
        Assert.Equal("none", Format(template, Event()));
    }

    [Fact]
    public void A_closing_brace_after_a_conditional_reads_as_written()
    {
        // An empty conditional, then a literal brace: the same with and without the exception.
        Assert.Equal("}", Format("{exception?}}}", WithException()));
        Assert.Equal("}", Format("{exception?}}}", Event()));
    }

    // ---- escapes ----

    [Fact]
    public void Inside_a_branch_backslash_escapes_braces_colons_and_itself()
    {
        Assert.Equal("{x}:\\y", Format("{msg?\\{x\\}\\:\\\\y}", Event()));
        Assert.Equal("a:b", Format("{exception?never:a\\:b}", Event()));
    }

    [Fact]
    public void Outside_placeholders_backslashes_and_colons_are_literal()
    {
        Assert.Equal("C:\\logs\\{x} text", Format("C:\\logs\\{{x}} {msg}", Event()));
    }

    // ---- every tree can be written ----

    [Fact]
    public void Every_template_tree_written_with_the_escapes_parses_back_to_itself()
    {
        var random = new Random(20261206);
        for (int i = 0; i < 2000; i++)
        {
            List<Node> tree = RandomSequence(random, depth: 0);
            string template = Write(tree, inBranch: false);

            TemplatePart[] parsed = TemplateParser.Parse(template);

            Assert.True(Describe(tree) == Describe(parsed), $"template {template}");
        }
    }

    // ---- depth and length ----

    [Fact]
    public void A_template_nested_to_the_limit_is_accepted()
    {
        string template = Nested(TemplateParser.MaxDepth, "deep");

        Assert.Equal("deep", Format(template, Event()));
    }

    [Fact]
    public void A_template_nested_one_level_deeper_than_the_limit_is_refused()
    {
        string template = Nested(TemplateParser.MaxDepth + 1, "deep");

        var ex = Assert.Throws<FormatException>(() => TemplateParser.Parse(template));

        Assert.Contains($"position {5 * TemplateParser.MaxDepth}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"nested deeper than {TemplateParser.MaxDepth} levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_nested_twenty_thousand_levels_is_refused_without_exhausting_the_stack()
    {
        // Before the limit this ended the test process with a stack overflow.
        string template = Nested(20_000, "x");

        var ex = Assert.Throws<FormatException>(() => new TemplateFormatter(new TemplateFormatterOptions { Template = template }));

        Assert.Contains("nested deeper than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_flat_template_parses_into_one_part_per_placeholder()
    {
        var template = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            template.Append("{msg?\\}}}}");
        }

        TemplatePart[] parts = TemplateParser.Parse(template.ToString());

        Assert.Equal(200_000, parts.Length);
        Assert.All(parts.Where((_, i) => i % 2 == 1), p => Assert.Equal("}", Encoding.UTF8.GetString(p.Literal)));
    }

    // ---- a small model of template trees, written with the documented escapes ----

    private abstract record Node;

    private sealed record Text(string Value) : Node;

    private sealed record Key(string Name) : Node;

    private sealed record Conditional(string Name, List<Node> Then, List<Node>? Else) : Node;

    private const string LiteralAlphabet = "ab {}:\\?";

    private static List<Node> RandomSequence(Random random, int depth)
    {
        var nodes = new List<Node>();
        int count = random.Next(0, 5);
        for (int i = 0; i < count; i++)
        {
            // Adjacent literals would be merged by the parser: keep at most one in a row.
            bool textAllowed = nodes.Count == 0 || nodes[^1] is not Text;
            int kind = random.Next(textAllowed ? 3 : 2);
            nodes.Add(kind switch
            {
                0 => new Key(RandomKey(random)),
                1 when depth < 4 => new Conditional(
                    RandomKey(random),
                    RandomSequence(random, depth + 1),
                    random.Next(2) == 0 ? null : RandomSequence(random, depth + 1)),
                1 => new Key(RandomKey(random)),
                _ => new Text(new string([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => LiteralAlphabet[random.Next(LiteralAlphabet.Length)])])),
            });
        }
        return nodes;
    }

    private static string RandomKey(Random random) => random.Next(4) switch
    {
        0 => "msg",
        1 => "exception",
        2 => "user.id",
        _ => "a b",
    };

    private static string Write(List<Node> nodes, bool inBranch)
    {
        var text = new StringBuilder();
        foreach (Node node in nodes)
        {
            switch (node)
            {
                case Text t:
                    foreach (char c in t.Value)
                    {
                        text.Append(inBranch
                            ? c is '{' or '}' or ':' or '\\' ? $"\\{c}" : c.ToString()
                            : c is '{' or '}' ? $"{c}{c}" : c.ToString());
                    }
                    break;
                case Key k:
                    text.Append('{').Append(k.Name).Append('}');
                    break;
                case Conditional c:
                    text.Append('{').Append(c.Name).Append('?').Append(Write(c.Then, inBranch: true));
                    if (c.Else is not null)
                    {
                        text.Append(':').Append(Write(c.Else, inBranch: true));
                    }
                    text.Append('}');
                    break;
            }
        }
        return text.ToString();
    }

    private static string Describe(List<Node> nodes) => string.Concat(nodes.Select(node => node switch
    {
        Text t => $"L[{t.Value}]",
        Key k => $"V[{k.Name}]",
        Conditional c => $"C[{c.Name}?{Describe(c.Then)}|{(c.Else is null ? "-" : Describe(c.Else))}]",
        _ => throw new InvalidOperationException(),
    }));

    private static string Describe(TemplatePart[] parts) => string.Concat(parts.Select(part => part.Kind switch
    {
        TemplatePartKind.Literal => $"L[{Encoding.UTF8.GetString(part.Literal)}]",
        TemplatePartKind.Value => $"V[{part.Name}]",
        _ => $"C[{part.Name}?{Describe(part.Then)}|{(part.Else is null ? "-" : Describe(part.Else))}]",
    }));
}
