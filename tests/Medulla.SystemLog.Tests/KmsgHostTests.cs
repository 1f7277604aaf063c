using System.Text;
using Medulla.Logging;

namespace Medulla.SystemLog.Tests;

/// <summary>
/// Against this machine's real /dev/kmsg (as root). The kernel rate-limits writes from user space
/// (printk_devkmsg=ratelimit), so each test writes one record.
/// </summary>
public class KmsgHostTests
{
    private static string Marker() => $"medulla-kmsg-test-{Guid.NewGuid():N}";

    /// <summary>
    /// Writes one record. It ends with a newline: the kernel (5.10 and later) keeps a record written
    /// without one open for a continuation, and readers see it only when the next record arrives.
    /// </summary>
    internal static void Inject(string text)
    {
        using var kmsg = new FileStream("/dev/kmsg", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        kmsg.Write(Encoding.UTF8.GetBytes(text + "\n"));
    }

    private static KmsgRecord? Find(KmsgReader reader, string marker)
    {
        KmsgRecord? found = null;
        reader.ReadAvailable(r =>
        {
            if (r.Message.Contains(marker, StringComparison.Ordinal))
            {
                found = r;
            }
        });
        return found;
    }

    [Fact]
    public void A_record_written_with_semicolons_is_read_back_whole_as_user_error()
    {
        using KmsgReader reader = KmsgReader.Open(KmsgStart.End);
        string marker = Marker();

        Inject($"<3>text;with;semicolons {marker}");
        KmsgRecord? record = Find(reader, marker);

        Assert.NotNull(record);
        Assert.Equal($"text;with;semicolons {marker}", record.Message);
        Assert.Equal(3, record.Severity);
        Assert.Equal(1, record.Facility); // the kernel marks injected records LOG_USER
        Assert.True(record.Microseconds > 0);
        Assert.Equal(0, reader.Malformed);
    }

    [Fact]
    public void A_reader_at_the_end_sees_only_what_comes_after_it_and_one_at_the_beginning_sees_it_too()
    {
        string before = Marker();
        Inject($"<6>{before}");
        using KmsgReader fromEnd = KmsgReader.Open(KmsgStart.End);
        using KmsgReader fromStart = KmsgReader.Open(KmsgStart.Beginning);

        Assert.Null(Find(fromEnd, before));
        Assert.NotNull(Find(fromStart, before));
        Assert.True(fromStart.Received > 1);
        Assert.Equal(0, fromStart.Lost);
    }

    [Fact]
    public async Task A_record_is_logged_as_an_error_event_in_category_kernel_with_its_fields()
    {
        using var capture = new EventCapture();
        var forwarder = new SystemLogForwarder(capture.System);
        using KmsgReader reader = KmsgReader.Open(KmsgStart.End);
        string marker = Marker();

        Inject($"<3>text;with;semicolons {marker}");
        reader.ReadAvailable(forwarder.Forward);
        LogEvent e = await capture.WaitFor(e => e.Message.Contains(marker, StringComparison.Ordinal));

        Assert.Equal(Level.Error, e.Level);
        Assert.Equal("kernel", e.Category);
        Assert.Equal($"text;with;semicolons {marker}", e.Message);
        Assert.Equal(1, e.Meta("facility"));
        Assert.Equal(3, e.Meta("severity"));
        Assert.IsType<ulong>(e.Meta("seq"));
        Assert.IsType<ulong>(e.Meta("kernel_usec"));
    }

    [Fact]
    public void A_missing_device_is_an_error_naming_the_path()
    {
        var ex = Assert.ThrowsAny<IOException>(() => KmsgReader.Open(KmsgStart.Beginning, "/nonexistent/kmsg"));
        Assert.Contains("/nonexistent/kmsg", ex.Message, StringComparison.Ordinal);
    }
}
