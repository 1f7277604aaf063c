using Medulla.Logging;
using Medulla.Pstore.Tests.Support;

namespace Medulla.Pstore.Tests.Pmsg;

public class PmsgSinkTests
{
    [Fact]
    public void A_missing_device_is_refused_with_what_the_kernel_needs_and_is_not_created()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("pmsg0");

        var ex = Assert.Throws<PmsgUnavailableException>(() => new PmsgSink(path));

        Assert.Contains($"{path} does not exist", ex.Message);
        Assert.Contains("CONFIG_PSTORE_PMSG", ex.Message);
        Assert.Contains("pmsg_size", ex.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_regular_file_at_the_device_path_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("pmsg0");
        File.WriteAllText(path, "left over");

        var ex = Assert.Throws<PmsgUnavailableException>(() => new PmsgSink(path));

        Assert.Contains("not a character device", ex.Message);
        Assert.Contains("regular file", ex.Message);
        Assert.Equal("left over", File.ReadAllText(path));
    }

    [Fact]
    public void A_directory_at_the_device_path_is_refused()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<PmsgUnavailableException>(() => new PmsgSink(dir.Path));

        Assert.Contains("directory", ex.Message);
    }

    [Fact]
    public void A_character_device_is_accepted()
    {
        using var sink = new PmsgSink("/dev/null");

        Assert.Equal("/dev/null", sink.DevicePath);
    }

    [Fact]
    public async Task Each_record_is_written_whole_with_one_write_call()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("device");
        File.WriteAllBytes(path, []);
        PmsgSink? sink = null;
        using (var system = new LogSystem(stderr: TextWriter.Null))
        {
            system.AddHandler(new HandlerConfig { Id = "pmsg", Sink = () => sink = new PmsgSink(path, requireCharacterDevice: false), Formatter = new TemplateFormatter(new TemplateFormatterOptions { Template = "{msg}\n" }) });
            CategoryLogger log = system.GetLogger("T");
            log.Log(Level.Warning, "first");
            log.Log(Level.Warning, "second, a little longer");
            log.Log(Level.Warning, "third");
            Assert.True(system.Flush(TimeSpan.FromSeconds(10)));
            Assert.Equal(3, sink!.WriteCalls);
        }

        Assert.Equal("first\nsecond, a little longer\nthird\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_failed_write_removes_the_handler_and_is_reported_once()
    {
        // /dev/full answers every write with ENOSPC, as a pmsg zone that cannot take a record would fail.
        var stderr = new StringWriter();
        var others = new MemorySink();
        using var system = new LogSystem(stderr: TextWriter.Synchronized(stderr));
        system.AddHandler(new HandlerConfig { Id = "others", Sink = () => others });
        system.AddHandler(PmsgHandler.Create(new PmsgHandlerOptions { Path = "/dev/full" }));
        CategoryLogger log = system.GetLogger("App");

        log.Log(Level.Error, "one");
        await others.WaitFor(r => r.Contains("handler 'pmsg' removed", StringComparison.Ordinal));
        log.Log(Level.Error, "two");
        log.Log(Level.Error, "three");
        Assert.True(system.Flush(TimeSpan.FromSeconds(10)));

        Assert.Equal(["others"], system.HandlerIds);
        string report = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("pmsg handler disabled after a failed write", report);
        Assert.Contains("write /dev/full", report);
        Assert.Single(others.Records, r => r.Contains("handler 'pmsg' removed", StringComparison.Ordinal));
    }
}
