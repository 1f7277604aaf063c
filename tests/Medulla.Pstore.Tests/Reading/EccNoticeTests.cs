using System.Text;

namespace Medulla.Pstore.Tests.Reading;

public class EccNoticeTests
{
    private static (string Body, string? Status) Split(string record)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(record);
        int length = EccNotice.BodyLength(bytes, out string? status);
        return (Encoding.UTF8.GetString(bytes, 0, length), status);
    }

    [Theory]
    [InlineData("line\n\nECC: No errors detected\n", "line\n", "No errors detected")]
    [InlineData("line\n\nECC: 3 Corrected bytes, 0 unrecoverable blocks\n", "line\n", "3 Corrected bytes, 0 unrecoverable blocks")]
    [InlineData("line\n\nECC: 12 Corrected bytes\n", "line\n", "12 Corrected bytes")]
    [InlineData("line\n\nECC: Uncorrectable error in block 4\n", "line\n", "Uncorrectable error in block 4")]
    [InlineData("no newline at the end\nECC: No errors detected\n", "no newline at the end", "No errors detected")]
    [InlineData("\nECC: No errors detected\n", "", "No errors detected")]
    public void The_trailing_status_block_is_removed(string record, string body, string status)
    {
        Assert.Equal((body, status), Split(record));
    }

    [Theory]
    [InlineData("line\n")]
    [InlineData("")]
    [InlineData("ECC: No errors detected\n")]
    [InlineData("ECC: 2 Corrected bytes in the body\nmore\n")]
    [InlineData("line\nECC: something a program logged\n")]
    [InlineData("line\n\nECC: No errors detected\nafter\n")]
    [InlineData("line\n\nECC: No errors detected")]
    public void Anything_else_is_kept_whole(string record)
    {
        Assert.Equal((record, null), Split(record));
    }

    [Fact]
    public void Only_the_last_status_block_goes_when_the_body_has_one_too()
    {
        const string record = "a\n\nECC: No errors detected\nb\n\nECC: 1 Corrected bytes, 0 unrecoverable blocks\n";

        Assert.Equal(("a\n\nECC: No errors detected\nb\n", "1 Corrected bytes, 0 unrecoverable blocks"), Split(record));
    }
}
