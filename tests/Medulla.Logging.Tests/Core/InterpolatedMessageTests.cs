using Medulla.Logging;
using Medulla.Logging.Tests.Hosting;
using Medulla.Logging.Tests.Support;

namespace Medulla.Logging.Tests.Core;

public class InterpolatedMessageTests
{
    private static LogEvent LogOne(Action<CategoryLogger> log)
    {
        var capture = new CapturingFormatter();
        using var system = new LogSystem();
        system.AddHandler(new HandlerConfig { Id = "c", Sink = () => new MemorySink(), Formatter = capture });
        log(system.GetLogger("App"));
        system.Flush(TimeSpan.FromSeconds(10));
        return Assert.Single(capture.Events);
    }

    [Fact]
    public void Holes_become_properties_named_by_their_expressions_with_their_kinds()
    {
        int rssi = -71;
        string band = "B20";
        bool roaming = false;
        LogEvent e = LogOne(log => log.Log(Level.Info, $"signal {rssi} dBm on {band}, roaming {roaming}"));

        Assert.Equal("signal -71 dBm on B20, roaming False", e.Message);
        Assert.Equal(3, e.PropertyCount);
        Assert.True(e.TryGetProperty("rssi", out LogProperty p));
        Assert.Equal("-71", p.ValueText());
        Assert.Equal(PropertyKind.Number, p.Kind);
        Assert.True(e.TryGetProperty("band", out p));
        Assert.Equal(PropertyKind.Text, p.Kind);
        Assert.True(e.TryGetProperty("roaming", out p));
        Assert.Equal(PropertyKind.Boolean, p.Kind);
    }

    [Fact]
    public void Aligned_holes_are_padded_in_the_message_but_not_in_the_property()
    {
        int n = 42;
        LogEvent e = LogOne(log => log.Log(Level.Info, $"[{n,6}][{n,-6}][{n:F1}]"));

        Assert.Equal("[    42][42    ][42.0]", e.Message);
        Assert.Equal(3, e.PropertyCount);
        Assert.Equal("42", e.GetProperty(0).ValueText());
        Assert.Equal("42", e.GetProperty(1).ValueText());
        Assert.Equal("42.0", e.GetProperty(2).ValueText());
    }

    [Fact]
    public void A_message_over_the_truncation_limit_is_cut_on_a_character_boundary_and_marked()
    {
        string text = string.Concat(Enumerable.Repeat("ä€", 5000));
        var capture = new CapturingFormatter();
        using var system = new LogSystem(new LoggerConfig { MessageTruncation = 100 });
        system.AddHandler(new HandlerConfig { Id = "c", Sink = () => new MemorySink(), Formatter = capture });
        system.GetLogger("App").Log(Level.Info, $"{text}");
        system.Flush(TimeSpan.FromSeconds(10));

        LogEvent e = Assert.Single(capture.Events);
        Assert.True(e.MessageUtf8.Length <= 100);
        Assert.EndsWith(" (truncated)", e.Message);
        Assert.DoesNotContain('\uFFFD', e.Message);
        Assert.StartsWith("ä€ä€", e.Message);
    }

    [Fact]
    public void The_default_truncation_is_8_KiB()
    {
        LogEvent e = LogOne(log => log.Log(Level.Info, new string('x', 20_000)));
        Assert.Equal(8 * 1024, e.MessageUtf8.Length);
        Assert.EndsWith(" (truncated)", e.Message);
    }

    [Theory]
    [InlineData(999.75)]
    [InlineData(-0.0)]
    [InlineData(0.1 + 0.2)]
    [InlineData(1e-7)]
    [InlineData(1e21)]
    [InlineData(double.NaN)]
    public void A_double_hole_reads_as_dotnet_writes_it_and_a_format_string_is_honoured(double elapsed)
    {
        LogEvent e = LogOne(log => log.Log(Level.Info, $"took {elapsed} ms, {elapsed:F1} rounded"));

        string plain = elapsed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string rounded = elapsed.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"took {plain} ms, {rounded} rounded", e.Message);
        Assert.Equal(plain, e.GetProperty(0).ValueText());
        Assert.Equal(PropertyKind.Number, e.GetProperty(0).Kind);
    }
}
