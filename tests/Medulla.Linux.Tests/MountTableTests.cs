using Medulla.Linux;

namespace Medulla.Linux.Tests;

public class MountTableTests
{
    // Lines in the kernel's format (proc(5)), with an optional field, an escaped space and a file system
    // the kernel made read-only under a read-write mount.
    private const string Sample =
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n" +
        "36 22 7:3 / /mnt/my\\040data rw,nosuid - ext4 /dev/loop3 ro,errors=remount-ro\n" +
        "37 22 0:31 /sub /srv/bind ro - tmpfs tmpfs rw,size=1024k\n";

    [Fact]
    public void Lines_are_parsed_with_escapes_resolved_and_both_read_only_flags_seen()
    {
        IReadOnlyList<MountEntry> table = MountTable.Parse(Sample);

        Assert.Equal(3, table.Count);
        Assert.Equal(new DeviceNumber(8, 1), table[0].Device);
        Assert.Equal("/", table[0].MountPoint);
        Assert.Equal("ext4", table[0].FileSystemType);
        Assert.Equal("/dev/sda1", table[0].Source);
        Assert.False(table[0].ReadOnly);
        Assert.Equal("/mnt/my data", table[1].MountPoint);
        Assert.True(table[1].ReadOnly); // rw mount, ro file system
        Assert.Equal("/sub", table[2].Root);
        Assert.True(table[2].ReadOnly); // ro mount
        Assert.Equal("7:3", table[1].Device.ToString());
    }

    [Fact]
    public void The_visible_mount_on_a_point_is_the_last_one_listed()
    {
        IReadOnlyList<MountEntry> table = MountTable.Parse(Sample + "40 36 7:4 / /mnt/my\\040data rw - vfat /dev/loop4 rw\n");

        Assert.Equal("/dev/loop4", MountTable.At(table, "/mnt/my data/")?.Source);
        Assert.Null(MountTable.At(table, "/mnt/other"));
    }

    [Theory]
    [InlineData("22 1 8:1 / / rw,relatime shared:1 ext4 /dev/sda1 rw")]
    [InlineData("22 1 8-1 / / rw - ext4 /dev/sda1 rw")]
    [InlineData("garbage")]
    public void A_line_not_in_the_format_is_an_error_naming_it(string line)
    {
        var ex = Assert.Throws<IOException>(() => MountTable.Parse(line + "\n", "test-mountinfo"));
        Assert.Contains("test-mountinfo", ex.Message, StringComparison.Ordinal);
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void This_threads_real_table_parses_and_has_a_root()
    {
        IReadOnlyList<MountEntry> table = MountTable.Read();

        Assert.NotNull(MountTable.At(table, "/"));
    }
}
