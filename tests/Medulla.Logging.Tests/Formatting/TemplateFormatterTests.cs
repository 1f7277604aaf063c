using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Medulla.Logging;
using Microsoft.Extensions.Logging;
using static Medulla.Logging.Tests.Formatting.FormatterHarness;

namespace Medulla.Logging.Tests.Formatting;

public class TemplateFormatterTests
{
    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    // ---- default template ----

    [Fact]
    public void The_default_template_writes_time_level_category_and_message_on_one_line()
    {
        Assert.Equal($"{TimeText} info Cat: text\n", Format(new TemplateFormatter(), Event()));
    }

    [Fact]
    public void The_default_template_puts_the_exception_on_the_following_lines()
    {
        Exception ex = Thrown();

        string record = Format(new TemplateFormatter(), Event(exception: ex));

        Assert.Equal($"{TimeText} info Cat: text\n{ex}\n", record);
    }

    [Fact]
    public void The_default_single_line_template_keeps_the_exception_on_the_same_line()
    {
        Exception ex = Thrown();
        var formatter = new TemplateFormatter(new TemplateFormatterOptions { SingleLine = true });

        string record = Format(formatter, Event(exception: ex));

        Assert.StartsWith($"{TimeText} info Cat: text System.InvalidOperationException: boom ", record);
        Assert.Equal(record.Length - 1, record.IndexOf('\n', StringComparison.Ordinal));
        Assert.Equal(TemplateFormatterOptions.DefaultSingleLineTemplate, formatter.Options.Template);
    }

    [Fact]
    public void A_given_template_is_used_even_in_single_line_mode()
    {
        var options = new TemplateFormatterOptions { Template = "{msg}", SingleLine = true };

        Assert.Equal("{msg}", options.Template);
        Assert.Equal(TemplateFormatterOptions.DefaultTemplate, new TemplateFormatterOptions().Template);
    }

    // ---- keys ----

    [Theory]
    [InlineData("{level}", "warning")]
    [InlineData("{LEVEL}", "WARNING")]
    [InlineData("{category}", "Medulla.Heart")]
    [InlineData("{msg}", "the message")]
    [InlineData("{message}", "the message")]
    [InlineData("{time}", TimeText)]
    public void A_built_in_key_inserts_its_value(string template, string expected)
    {
        LogEvent e = Event("the message", Level.Warning, "Medulla.Heart");

        Assert.Equal(expected, Format(template, e));
    }

    [Theory]
    [InlineData(Level.Emergency, "emergency", "EMERGENCY")]
    [InlineData(Level.Alert, "alert", "ALERT")]
    [InlineData(Level.Critical, "critical", "CRITICAL")]
    [InlineData(Level.Error, "error", "ERROR")]
    [InlineData(Level.Notice, "notice", "NOTICE")]
    [InlineData(Level.Debug, "debug", "DEBUG")]
    public void Every_level_has_a_lower_and_an_upper_case_name(Level level, string lower, string upper)
    {
        Assert.Equal($"{lower} {upper}", Format("{level} {LEVEL}", Event(level: level)));
    }

    [Fact]
    public void The_template_key_inserts_the_message_template()
    {
        LogEvent e = Event();
        e.Template = "user {Name} logged in";

        Assert.Equal("user {Name} logged in", Format("{template}", e));
    }

    [Fact]
    public void The_exception_key_inserts_the_full_exception_text()
    {
        Exception ex = Thrown();

        Assert.Equal(ex.ToString(), Format("{exception}", Event(exception: ex)));
    }

    [Fact]
    public void The_event_id_and_name_keys_insert_the_event_id()
    {
        LogEvent e = Event();
        e.EventId = new EventId(42, "Boot");

        Assert.Equal("42 Boot", Format("{event_id} {event_name}", e));
    }

    [Fact]
    public void An_event_id_with_only_a_name_is_present_as_zero()
    {
        LogEvent e = Event();
        e.EventId = new EventId(0, "Boot");

        Assert.Equal("[0]", Format("{event_id?[{event_id}]}", e));
    }

    [Fact]
    public void An_event_id_of_zero_without_a_name_is_absent()
    {
        Assert.Equal("<>", Format("<{event_id}{event_name}>{event_id?id}", Event()));
    }

    [Fact]
    public void The_domain_key_joins_the_domain_with_dots()
    {
        LogEvent e = Event();
        e.Domain = ["medulla", "heart", "engine"];

        Assert.Equal("medulla.heart.engine", Format("{domain}", e));
    }

    [Fact]
    public void The_original_level_key_inserts_the_level_as_the_source_named_it()
    {
        LogEvent e = Event(level: Level.Debug);
        e.OriginalLevel = "trace";

        Assert.Equal("debug (trace)", Format("{level}{original_level? ({original_level})}", e));
    }

    [Fact]
    public void The_pid_and_thread_keys_insert_the_process_and_managed_thread_ids()
    {
        string expected = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}/{Environment.CurrentManagedThreadId}");

        Assert.Equal(expected, Format("{pid}/{thread}", Event()));
    }

    [Fact]
    public async Task The_scopes_key_joins_the_scopes_outermost_first()
    {
        string record = await ThroughSystem("{scopes}|{msg}", log =>
        {
            using (log.BeginScope("request 7"))
            using (log.BeginScope(12))
            {
                log.Log(Level.Info, "text");
            }
        });

        Assert.Equal("request 7 => 12|text", record);
    }

    [Fact]
    public async Task The_scopes_key_is_absent_without_scopes()
    {
        string record = await ThroughSystem("{scopes?in scopes:no scopes}", log => log.Log(Level.Info, "text"));

        Assert.Equal("no scopes", record);
    }

    [Fact]
    public async Task Another_key_inserts_the_property_of_that_name()
    {
        string name = "bob";
        int count = 3;

        string record = await ThroughSystem("{name}/{count}: {msg}", log => log.Log(Level.Info, $"user {name} has {count} items"));

        Assert.Equal("bob/3: user bob has 3 items", record);
    }

    [Fact]
    public async Task Another_key_inserts_a_property_given_through_Microsoft_Extensions_Logging()
    {
        string record = await ThroughSystem("{User}/{Ratio}", log => ((ILogger)log).LogInformation("user {User} at {Ratio}", "bob", 0.5));

        Assert.Equal("bob/0.5", record);
    }

    [Fact]
    public async Task Another_key_falls_back_to_global_metadata()
    {
        var config = new LoggerConfig { Metadata = [new("serial", "SN-1")] };

        string record = await ThroughSystem("{serial}: {msg}", log => log.Log(Level.Info, "text"), config);

        Assert.Equal("SN-1: text", record);
    }

    [Fact]
    public async Task Another_key_falls_back_to_scope_metadata_before_global_metadata()
    {
        var config = new LoggerConfig { Metadata = [new("request", "global")] };

        string record = await ThroughSystem("{request}", log =>
        {
            using (log.BeginScope(new Dictionary<string, object?> { ["request"] = "r-17" }))
            {
                log.Log(Level.Info, "text");
            }
        }, config);

        Assert.Equal("r-17", record);
    }

    [Fact]
    public async Task A_property_wins_over_metadata_of_the_same_name()
    {
        var config = new LoggerConfig { Metadata = [new("user", "metadata")] };
        string user = "property";

        string record = await ThroughSystem("{user}", log => log.Log(Level.Info, $"{user}"), config);

        Assert.Equal("property", record);
    }

    [Fact]
    public void An_absent_key_inserts_nothing()
    {
        Assert.Equal("[]", Format("[{no_such_key}]", Event()));
    }

    // ---- conditionals ----

    [Fact]
    public void A_conditional_inserts_its_branch_when_the_key_is_present()
    {
        LogEvent e = Event();
        e.Domain = ["medulla"];

        Assert.Equal("text (domain medulla)", Format("{msg}{domain? (domain {domain})}", e));
    }

    [Fact]
    public void A_conditional_without_else_inserts_nothing_when_the_key_is_absent()
    {
        Assert.Equal("text", Format("{msg}{domain? (domain {domain})}", Event()));
    }

    [Fact]
    public void A_key_with_else_branch_uses_then_when_present()
    {
        Assert.Equal("failed: boom", Format("{exception?failed:: {msg}:ok}", Event("boom", exception: new InvalidOperationException())));
    }

    [Fact]
    public void A_key_with_else_branch_uses_else_when_absent()
    {
        Assert.Equal("ok", Format("{exception?failed:: {msg}:ok}", Event("boom")));
    }

    [Fact]
    public void An_else_branch_may_contain_keys()
    {
        Assert.Equal("no id, info", Format("{event_id?id {event_id}:no id, {level}}", Event()));
    }

    [Fact]
    public void Conditionals_nest()
    {
        const string template = "{event_id?{event_name?{event_name}:#{event_id}}:-}";
        LogEvent named = Event();
        named.EventId = new EventId(5, "Start");
        LogEvent numbered = Event();
        numbered.EventId = new EventId(5);

        Assert.Equal("Start", Format(template, named));
        Assert.Equal("#5", Format(template, numbered));
        Assert.Equal("-", Format(template, Event()));
    }

    [Fact]
    public void A_double_colon_in_a_conditional_is_a_literal_colon()
    {
        Assert.Equal("at 12:30", Format("{msg?at 12::30:never}", Event()));
    }

    [Fact]
    public void A_colon_outside_a_conditional_is_literal()
    {
        Assert.Equal("Cat: a::b", Format("{category}: a::b", Event()));
    }

    [Fact]
    public void The_message_key_is_absent_when_the_message_is_empty()
    {
        Assert.Equal("(empty)", Format("{msg?{msg}:(empty)}", Event("")));
    }

    // ---- escaping and malformed templates ----

    [Fact]
    public void Doubled_braces_are_literal_braces()
    {
        Assert.Equal("{msg} = {text}", Format("{{msg}} = {{{msg}}}", Event()));
    }

    [Fact]
    public void Backslashed_braces_are_literal_inside_a_branch()
    {
        Assert.Equal("{x}", Format("{msg?\\{x\\}}", Event()));
    }

    [Theory]
    [InlineData("{msg", 0, "never closed")]
    [InlineData("abc}", 3, "'}' without a matching '{'")]
    [InlineData("a{}", 2, "empty key")]
    [InlineData("{exception?x", 0, "never closed")]
    [InlineData("{exception?x:y", 0, "never closed")]
    [InlineData("{time:HH}", 5, "unexpected ':'")]
    [InlineData("{msg?a:b:c}", 8, "second ':'")]
    [InlineData("{m{sg}", 2, "unexpected '{'")]
    [InlineData("{ msg}", 1, "white space")]
    [InlineData("{msg?{{x}}}", 5, "write '\\{' for a literal '{'")]
    [InlineData("{msg?a\\nb}", 6, "'\\n' is not an escape")]
    [InlineData("{msg?a\\", 6, "'\\' at the end")]
    [InlineData("{msg?x}}", 7, "'}' without a matching '{'")]
    [InlineData("{msg?{a", 5, "'{' is never closed (write '\\{' for a literal brace)")]
    public void A_malformed_template_is_refused_with_its_position(string template, int position, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => new TemplateFormatter(new TemplateFormatterOptions { Template = template }));

        Assert.Contains($"position {position}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_the_template_setting_when_the_template_is_malformed()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TemplateFormatterOptions { Template = "{msg" }.Validate());

        Assert.Contains("Template", ex.Message, StringComparison.Ordinal);
        Assert.Contains("position 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, null, "MaxSize")]
    [InlineData(0, null, "MaxSize")]
    [InlineData(null, 3, "CharsLimit")]
    [InlineData(null, -1, "CharsLimit")]
    public void Limits_too_small_are_refused_naming_the_setting(int? maxSize, int? charsLimit, string setting)
    {
        var options = new TemplateFormatterOptions { MaxSize = maxSize, CharsLimit = charsLimit };

        var validate = Assert.Throws<ArgumentException>(options.Validate);
        var construct = Assert.Throws<ArgumentException>(() => new TemplateFormatter(options));

        Assert.Contains(setting, validate.Message, StringComparison.Ordinal);
        Assert.Contains(setting, construct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_options_pass_validation()
    {
        new TemplateFormatterOptions { MaxSize = 4, CharsLimit = 4, Template = "{a?b:c}" }.Validate();
    }

    // ---- single line ----

    [Fact]
    public void Single_line_turns_each_newline_in_a_value_into_one_space()
    {
        var formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{msg}\n", SingleLine = true });

        Assert.Equal("a b c d  e\n", Format(formatter, Event("a\r\nb\nc\rd\n\ne")));
    }

    [Fact]
    public void Single_line_keeps_newlines_of_the_template()
    {
        var formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{category}\n{msg}\n", SingleLine = true });

        Assert.Equal("Cat\nx y\n", Format(formatter, Event("x\ny")));
    }

    [Fact]
    public async Task Single_line_applies_to_properties()
    {
        var formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{note}", SingleLine = true });
        string note = "one\ntwo";

        string record = await ThroughSystem(formatter, log => log.Log(Level.Info, $"{note}"));

        Assert.Equal("one two", record);
    }

    [Fact]
    public void Without_single_line_newlines_in_values_are_kept()
    {
        Assert.Equal("a\nb", Format("{msg}", Event("a\nb")));
    }

    // ---- max size ----

    private static TemplateFormatter MaxSize(int max, string template = "{msg}") =>
        new(new TemplateFormatterOptions { Template = template, MaxSize = max });

    [Fact]
    public void A_value_longer_than_max_size_is_cut_and_ends_with_dots()
    {
        Assert.Equal("abcde...", Format(MaxSize(8), Event("abcdefghij")));
    }

    [Theory]
    [InlineData("abcdefgh")]
    [InlineData("abc")]
    public void A_value_within_max_size_is_kept(string message)
    {
        Assert.Equal(message, Format(MaxSize(8), Event(message)));
    }

    [Fact]
    public void Max_size_applies_to_each_value_but_not_to_literals()
    {
        Assert.Equal("[Medu...] [abcd...] literal text", Format(MaxSize(7, "[{category}] [{msg}] literal text"), Event("abcdefgh", category: "Medulla.Heart")));
    }

    [Theory]
    [InlineData("ééééé", 8, "éé...")]
    [InlineData("ééééé", 9, "ééé...")]
    [InlineData("😀😀😀", 8, "😀...")]
    [InlineData("😀😀😀", 6, "...")]
    [InlineData("a😀😀", 7, "a...")]
    public void Max_size_never_cuts_inside_a_character(string message, int max, string expected)
    {
        byte[] bytes = FormatBytes(MaxSize(max), Event(message));

        string text = StrictUtf8.GetString(bytes); // throws if a sequence was split
        Assert.Equal(expected, text);
        Assert.True(bytes.Length <= max);
    }

    // ---- chars limit ----

    private static TemplateFormatter CharsLimit(int limit, string template = "{msg}") =>
        new(new TemplateFormatterOptions { Template = template, CharsLimit = limit });

    [Fact]
    public void A_message_over_the_chars_limit_is_cut_and_ends_with_dots()
    {
        Assert.Equal("héllo...", Format(CharsLimit(8), Event("héllo wörld")));
    }

    [Fact]
    public void The_chars_limit_counts_characters_not_bytes()
    {
        Assert.Equal("😀😀😀😀😀", Format(CharsLimit(5), Event("😀😀😀😀😀")));
        Assert.Equal("😀😀...", Format(CharsLimit(5), Event("😀😀😀😀😀😀")));
    }

    [Fact]
    public void The_chars_limit_applies_to_the_message_only()
    {
        Assert.Equal("Medulla.Heart: abcd...", Format(CharsLimit(7, "{category}: {message}"), Event("abcdefghij", category: "Medulla.Heart")));
    }

    [Fact]
    public void Chars_limit_and_max_size_both_apply()
    {
        var formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{msg}", CharsLimit = 6, MaxSize = 8 });

        Assert.Equal("éé...", Format(formatter, Event("éééééééé"))); // 6 characters would be 9 bytes
    }

    // ---- time ----

    [Fact]
    public void Time_is_UTC_by_default()
    {
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"), Format("{time}", Event()));
    }

    [Fact]
    public void Local_time_has_an_offset_and_denotes_the_same_instant()
    {
        var formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{time}", UtcTime = false });

        string text = Format(formatter, Event());

        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$"), text);
        Assert.Equal(Time.AddTicks(-7), DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime);
    }

    // ---- output handling ----

    [Fact]
    public void The_record_is_appended_after_what_the_output_already_holds()
    {
        var output = new Utf8Buffer(16);
        output.Write("prefix|"u8);

        new TemplateFormatter(new TemplateFormatterOptions { Template = "{msg}", MaxSize = 5, SingleLine = true }).Format(Event("a\nbcdefg"), output);

        Assert.Equal("prefix|a ...", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void The_constructor_without_options_uses_the_defaults()
    {
        Assert.Equal(new TemplateFormatterOptions(), new TemplateFormatter().Options);
    }
}
