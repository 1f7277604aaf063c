using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Medulla.Logging;
using Microsoft.Extensions.Logging;
using static Medulla.Logging.Tests.Formatting.FormatterHarness;

namespace Medulla.Logging.Tests.Formatting;

public class JsonLinesFormatterTests
{
    /// <summary>Checks the record is exactly one line of one JSON object and parses it.</summary>
    private static JsonElement Parse(string record)
    {
        Assert.EndsWith("\n", record, StringComparison.Ordinal);
        Assert.Equal(record.Length - 1, record.IndexOf('\n', StringComparison.Ordinal));
        using JsonDocument doc = JsonDocument.Parse(record);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        return doc.RootElement.Clone();
    }

    private static JsonElement FormatJson(LogEvent e) => Parse(Format(new JsonLinesFormatter(), e));

    private static async Task<JsonElement> FormatJson(Action<CategoryLogger> log, LoggerConfig? config = null, IReadOnlyList<string>? domain = null) =>
        Parse(await ThroughSystem(new JsonLinesFormatter(), log, config, domain));

    private static string[] Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void A_plain_event_has_time_level_category_and_msg_only()
    {
        JsonElement json = FormatJson(Event("text", Level.Warning));

        Assert.Equal(["time", "level", "category", "msg"], Names(json));
        Assert.Equal(TimeText, json.GetProperty("time").GetString());
        Assert.Equal("warning", json.GetProperty("level").GetString());
        Assert.Equal("Cat", json.GetProperty("category").GetString());
        Assert.Equal("text", json.GetProperty("msg").GetString());
    }

    [Fact]
    public void The_exact_record_of_a_plain_event()
    {
        Assert.Equal($"{{\"time\":\"{TimeText}\",\"level\":\"info\",\"category\":\"Cat\",\"msg\":\"text\"}}\n", Format(new JsonLinesFormatter(), Event()));
    }

    [Fact]
    public void Optional_fields_appear_when_the_event_has_them()
    {
        Exception ex = new InvalidOperationException("boom\nsecond line");
        LogEvent e = Event(level: Level.Debug, exception: ex);
        e.Template = "user {Name}";
        e.EventId = new EventId(42, "Boot");
        e.Domain = ["medulla", "heart"];
        e.OriginalLevel = "trace";

        JsonElement json = FormatJson(e);

        Assert.Equal(["time", "level", "category", "msg", "template", "event_id", "event_name", "domain", "exception", "original_level"], Names(json));
        Assert.Equal("user {Name}", json.GetProperty("template").GetString());
        Assert.Equal(42, json.GetProperty("event_id").GetInt32());
        Assert.Equal("Boot", json.GetProperty("event_name").GetString());
        Assert.Equal(["medulla", "heart"], json.GetProperty("domain").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(ex.ToString(), json.GetProperty("exception").GetString());
        Assert.Equal("trace", json.GetProperty("original_level").GetString());
    }

    [Fact]
    public void An_event_id_with_only_a_name_is_written_as_zero()
    {
        LogEvent e = Event();
        e.EventId = new EventId(0, "Boot");

        JsonElement json = FormatJson(e);

        Assert.Equal(0, json.GetProperty("event_id").GetInt32());
        Assert.Equal("Boot", json.GetProperty("event_name").GetString());
    }

    [Fact]
    public async Task Interpolated_properties_keep_their_kinds()
    {
        int count = 3;
        double ratio = 0.25;
        decimal price = 12.50m;
        long big = long.MinValue;
        bool ok = true;
        bool failed = false;
        string name = "bob";
        string? nothing = null;

        JsonElement json = await FormatJson(log => log.Log(Level.Info, $"{count} {ratio} {price} {big} {ok} {failed} {name} {nothing}"));

        JsonElement props = json.GetProperty("props");
        Assert.Equal(["count", "ratio", "price", "big", "ok", "failed", "name", "nothing"], Names(props));
        Assert.Equal(3, props.GetProperty("count").GetInt32());
        Assert.Equal(0.25, props.GetProperty("ratio").GetDouble());
        Assert.Equal(12.50m, props.GetProperty("price").GetDecimal());
        Assert.Equal(long.MinValue, props.GetProperty("big").GetInt64());
        Assert.Equal(JsonValueKind.True, props.GetProperty("ok").ValueKind);
        Assert.Equal(JsonValueKind.False, props.GetProperty("failed").ValueKind);
        Assert.Equal("bob", props.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, props.GetProperty("nothing").ValueKind);
    }

    [Fact]
    public async Task A_number_rendered_as_something_that_is_not_a_JSON_number_becomes_a_string()
    {
        double nan = double.NaN;
        double infinite = double.PositiveInfinity;
        double amount = 1234.5;

        JsonElement json = await FormatJson(log => log.Log(Level.Info, $"{nan} {infinite} {amount:N2}"));

        JsonElement props = json.GetProperty("props");
        Assert.Equal("NaN", props.GetProperty("nan").GetString());
        Assert.Equal(JsonValueKind.String, props.GetProperty("infinite").ValueKind);
        Assert.Equal("1,234.50", props.GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Numbers_in_exponent_form_and_padded_numbers_stay_numbers()
    {
        double huge = 1e300;
        int padded = 42;

        JsonElement json = await FormatJson(log => log.Log(Level.Info, $"[{huge}] [{padded,-6}]"));

        JsonElement props = json.GetProperty("props");
        Assert.Equal(1e300, props.GetProperty("huge").GetDouble());
        Assert.Equal(42, props.GetProperty("padded").GetInt32());
        Assert.Equal("[1E+300] [42    ]", json.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Microsoft_Extensions_Logging_properties_keep_their_kinds_and_the_template()
    {
        JsonElement json = await FormatJson(log =>
            ((ILogger)log).LogInformation(new EventId(7, "Login"), "{User} {Attempts} {Admin} {Missing} {Ratio} {When}",
                "bob", 2, true, null, double.NaN, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));

        Assert.Equal("{User} {Attempts} {Admin} {Missing} {Ratio} {When}", json.GetProperty("template").GetString());
        Assert.Equal(7, json.GetProperty("event_id").GetInt32());
        JsonElement props = json.GetProperty("props");
        Assert.Equal(["User", "Attempts", "Admin", "Missing", "Ratio", "When"], Names(props));
        Assert.Equal("bob", props.GetProperty("User").GetString());
        Assert.Equal(2, props.GetProperty("Attempts").GetInt32());
        Assert.Equal(JsonValueKind.True, props.GetProperty("Admin").ValueKind);
        Assert.Equal(JsonValueKind.Null, props.GetProperty("Missing").ValueKind);
        Assert.Equal("NaN", props.GetProperty("Ratio").GetString());
        Assert.Equal(JsonValueKind.String, props.GetProperty("When").ValueKind);
    }

    [Theory]
    [InlineData("say \"hi\"")]
    [InlineData("back\\slash")]
    [InlineData("two\nlines\r\nand\ttab")]
    [InlineData("control \u0001\u001f\u007f")]
    [InlineData("héllo wörld ☃ 日本語 😀")]
    [InlineData("</script><b>&amp;'")]
    [InlineData("")]
    public void Awkward_messages_round_trip_through_valid_JSON(string message)
    {
        JsonElement json = FormatJson(Event(message, category: message));

        Assert.Equal(message, json.GetProperty("msg").GetString());
        Assert.Equal(message, json.GetProperty("category").GetString());
    }

    [Fact]
    public void Unpaired_surrogates_become_replacement_characters()
    {
        LogEvent e = Event("lone \uD800 high", category: "lone \uDC00 low");
        e.Template = "t \uD800";

        JsonElement json = FormatJson(e);

        Assert.Equal("lone \uFFFD high", json.GetProperty("msg").GetString());
        Assert.Equal("lone \uFFFD low", json.GetProperty("category").GetString());
        Assert.Equal("t \uFFFD", json.GetProperty("template").GetString());
    }

    [Fact]
    public void Non_ASCII_text_stays_readable()
    {
        string record = Format(new JsonLinesFormatter(), Event("héllo ☃ 日本語 Ωμέγα"));

        Assert.Contains("\"msg\":\"héllo ☃ 日本語 Ωμέγα\"", record, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_beyond_the_basic_plane_are_escaped_as_surrogate_pairs()
    {
        // System.Text.Json's encoders escape every supplementary-plane character; still valid JSON.
        string record = Format(new JsonLinesFormatter(), Event("ok 😀"));

        Assert.Contains("\"msg\":\"ok \\uD83D\\uDE00\"", record, StringComparison.Ordinal);
        Assert.Equal("ok 😀", Parse(record).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Awkward_property_names_and_values_round_trip()
    {
        string text = "q\"uote\\ \n \u0002 é";
        int[] items = [5];

        JsonElement json = await FormatJson(log => log.Log(Level.Info, $"{text}{items[0]}"));

        JsonElement props = json.GetProperty("props");
        Assert.Equal(text, props.GetProperty("text").GetString());
        Assert.Equal(5, props.GetProperty("items[0]").GetInt32());
    }

    [Fact]
    public async Task Scopes_are_an_array_of_strings_outermost_first()
    {
        JsonElement json = await FormatJson(log =>
        {
            using (log.BeginScope("outer"))
            using (log.BeginScope(42))
            {
                log.Log(Level.Info, "text");
            }
        });

        Assert.Equal(["outer", "42"], json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Global_metadata_is_an_object_with_kinds_kept()
    {
        var config = new LoggerConfig { Metadata = [new("serial", "SN-1"), new("boot", 3), new("dev", false), new("none", null)] };

        JsonElement json = await FormatJson(log => log.Log(Level.Info, "text"), config);

        JsonElement meta = json.GetProperty("meta");
        Assert.Equal("SN-1", meta.GetProperty("serial").GetString());
        Assert.Equal(3, meta.GetProperty("boot").GetInt32());
        Assert.Equal(JsonValueKind.False, meta.GetProperty("dev").ValueKind);
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("none").ValueKind);
    }

    [Fact]
    public async Task An_event_through_the_system_has_the_fields_in_order()
    {
        string name = "bob";

        JsonElement json = await FormatJson(log =>
        {
            using (log.BeginScope("s"))
            {
                log.Log(Level.Notice, $"hi {name}");
            }
        }, new LoggerConfig { Metadata = [new("serial", "SN-1")] }, ["medulla"]);

        Assert.Equal(["time", "level", "category", "msg", "domain", "props", "scopes", "meta"], Names(json));
        Assert.Equal(SystemTimeText, json.GetProperty("time").GetString());
        Assert.Equal("notice", json.GetProperty("level").GetString());
    }

    [Fact]
    public void Local_time_has_an_offset_and_denotes_the_same_instant()
    {
        var formatter = new JsonLinesFormatter(new JsonLinesFormatterOptions { UtcTime = false });

        string record = Format(formatter, Event());
        string time = Parse(record).GetProperty("time").GetString()!;

        Assert.Contains($"\"time\":\"{time}\"", record, StringComparison.Ordinal); // '+' is not escaped
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$"), time);
        Assert.Equal(Time.AddTicks(-7), DateTimeOffset.Parse(time, CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Fact]
    public void Records_are_appended_one_per_line()
    {
        var formatter = new JsonLinesFormatter();
        var output = new Utf8Buffer(16);

        formatter.Format(Event("one"), output);
        formatter.Format(Event("two"), output);

        string[] lines = StrictUtf8.GetString(output.WrittenSpan).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("one", JsonDocument.Parse(lines[0]).RootElement.GetProperty("msg").GetString());
        Assert.Equal("two", JsonDocument.Parse(lines[1]).RootElement.GetProperty("msg").GetString());
        Assert.Equal("", lines[2]);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("42", true)]
    [InlineData("-12.5", true)]
    [InlineData("1E+300", true)]
    [InlineData("1.5e-7", true)]
    [InlineData("", false)]
    [InlineData("-", false)]
    [InlineData("01", false)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("1e", false)]
    [InlineData("+1", false)]
    [InlineData("NaN", false)]
    [InlineData("1,234", false)]
    [InlineData("0x10", false)]
    public void The_JSON_number_check_follows_the_grammar(string text, bool expected)
    {
        Assert.Equal(expected, JsonLinesFormatter.IsJsonNumber(System.Text.Encoding.ASCII.GetBytes(text)));
    }
}
