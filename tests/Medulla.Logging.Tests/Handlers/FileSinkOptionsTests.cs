using Medulla.Logging;

namespace Medulla.Logging.Tests.Handlers;

public sealed class FileSinkOptionsTests
{
    [Fact]
    public void The_defaults_rotate_at_10_MiB_keep_5_uncompressed_archives_and_sync_every_MiB_or_5_s_and_when_idle()
    {
        // given options with only a path
        var options = new FileSinkOptions { Path = "/tmp/x.log" };

        // then the defaults are the documented ones, and valid
        Assert.Equal(10L * 1024 * 1024, options.MaxBytes);
        Assert.Equal(5, options.MaxFiles);
        Assert.False(options.Compress);
        Assert.Equal(TimeSpan.FromSeconds(5), options.SyncInterval);
        Assert.Equal(1024L * 1024, options.SyncEveryBytes);
        Assert.True(options.SyncOnFlush);
        Assert.True(options.CreateDirectory);
        options.Validate();
    }

    [Theory]
    [InlineData("", null, 5, 0, "Path is required")]
    [InlineData("   ", null, 5, 0, "Path is required")]
    [InlineData("/var/log/", null, 5, 0, "names a directory")]
    [InlineData("/tmp/x.log", 0L, 5, 0, "MaxBytes 0 must be positive, or null to never rotate")]
    [InlineData("/tmp/x.log", -1L, 5, 0, "MaxBytes -1 must be positive")]
    [InlineData("/tmp/x.log", null, -1, 0, "MaxFiles -1 must be 0 (rotate by emptying the file) or more")]
    [InlineData("/tmp/x.log", null, 5, -1, "SyncInterval -00:00:01 must not be negative")]
    public void An_invalid_setting_is_refused_with_a_message_naming_it(string path, long? maxBytes, int maxFiles, int syncSeconds, string expected)
    {
        // given options with one bad setting
        var options = new FileSinkOptions
        {
            Path = path,
            MaxBytes = maxBytes ?? FileSinkOptions.DefaultMaxBytes,
            MaxFiles = maxFiles,
            SyncInterval = TimeSpan.FromSeconds(syncSeconds),
        };

        // when validated, directly or by creating the sink
        var direct = Assert.Throws<ArgumentException>(options.Validate);
        var viaSink = Assert.Throws<ArgumentException>(() => new FileSink(options));

        // then the message names the setting and what it allows
        Assert.Contains(expected, direct.Message);
        Assert.Equal(direct.Message, viaSink.Message);
    }

    [Fact]
    public void A_non_positive_SyncEveryBytes_is_refused_and_null_turns_it_off()
    {
        var zero = new FileSinkOptions { Path = "/tmp/x.log", SyncEveryBytes = 0 };
        Assert.Contains("SyncEveryBytes 0 must be positive, or null", Assert.Throws<ArgumentException>(zero.Validate).Message);
        (zero with { SyncEveryBytes = null }).Validate();
    }
}
