using Medulla.Cli.Firmware;

namespace Medulla.Cli.Tests;

public class SetenvScriptTests
{
    [Fact]
    public void A_name_value_line_keeps_the_value_exactly_as_written()
    {
        Assert.Equal(Changes(("a", " x = y ")), Parse("a= x = y \n"));
    }

    [Fact]
    public void A_name_blank_value_line_skips_the_blanks_and_keeps_equals_signs_in_the_value()
    {
        Assert.Equal(Changes(("bootargs", "console=ttyS0 root=/dev/mmcblk0p2 ")), Parse("bootargs \t console=ttyS0 root=/dev/mmcblk0p2 \n"));
    }

    [Theory]
    [InlineData("a b=c", "a", "b=c")]
    [InlineData("a=b c", "a", "b c")]
    [InlineData("a\tb", "a", "b")]
    [InlineData("a =b", "a", "=b")]
    public void The_first_equals_sign_or_blank_ends_the_name(string line, string name, string value)
    {
        Assert.Equal(Changes((name, value)), Parse(line));
    }

    [Theory]
    [InlineData("a=")]
    [InlineData("a")]
    [InlineData("a \t ")]
    public void An_empty_value_deletes(string line)
    {
        Assert.Equal(Changes(("a", null)), Parse(line));
    }

    [Fact]
    public void Comments_blank_lines_and_blanks_before_a_name_are_skipped()
    {
        Assert.Equal(Changes(("a", "1"), ("b", "2")), Parse("# a comment\n\n   \n  # indented comment\n  a=1\n\tb 2\n"));
    }

    [Fact]
    public void A_carriage_return_ends_a_line_only_before_the_line_feed()
    {
        Assert.Equal(Changes(("a", "1"), ("b", "2\r3")), Parse("a=1\r\nb=2\r3\n"));
    }

    [Fact]
    public void A_name_given_twice_takes_its_last_line()
    {
        Assert.Equal(Changes(("a", null), ("b", "2")), Parse("a=1\nb=2\na=\n"));
    }

    [Fact]
    public void The_last_line_needs_no_line_feed()
    {
        Assert.Equal(Changes(("a", "1"), ("b", "2")), Parse("a=1\nb=2"));
    }

    [Theory]
    [InlineData("a=1\n=x\n", "changes.txt:2: a variable name is empty")]
    [InlineData("a=1\0\n", "changes.txt:1: the value of 'a' contains a NUL character")]
    [InlineData("\n\na\0b=1\n", "changes.txt:3: variable name 'a\\0b' contains a NUL character")]
    public void A_line_that_cannot_be_stored_is_an_error_naming_the_file_and_line(string script, string message)
    {
        FormatException error = Assert.Throws<FormatException>(() => SetenvScript.Parse(new StringReader(script), "changes.txt"));

        Assert.Equal(message, error.Message);
    }

    private static Dictionary<string, string?> Parse(string script) => SetenvScript.Parse(new StringReader(script), "stdin");

    private static Dictionary<string, string?> Changes(params (string Name, string? Value)[] changes) =>
        changes.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
}
