using Medulla.Firmware;

namespace Medulla.Runtime.Tests.Data;

public class DataPartitionSpecTests
{
    private static readonly SlotMetadata Slot = new()
    {
        Slot = "a",
        ApplicationPartDevPath = "/dev/mmcblk0p4",
        ApplicationPartFsType = "f2fs",
        ApplicationPartTarget = "/root",
    };

    [Fact]
    public void Values_come_from_the_active_slot_unless_configured()
    {
        Assert.Equal(new DataPartitionSpec("/dev/mmcblk0p4", "f2fs", "/root"), DataPartitionSpec.Resolve(null, null, null, Slot));
        Assert.Equal(new DataPartitionSpec("/dev/vda", "f2fs", "/data"), DataPartitionSpec.Resolve("/dev/vda", " ", "/data", Slot));
        Assert.Equal(new DataPartitionSpec("/dev/vda", "ext4", "/data"), DataPartitionSpec.Resolve("/dev/vda", "ext4", "/data", null));
    }

    [Fact]
    public void A_missing_value_names_the_metadata_key()
    {
        var ex = Assert.Throws<DataPartitionException>(() => DataPartitionSpec.Resolve(null, null, null, Slot with { ApplicationPartFsType = null }));
        Assert.Contains("a.nerves_fw_application_part0_fstype", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<DataPartitionException>(() => DataPartitionSpec.Resolve(null, "ext4", "/data", null));
        Assert.Contains("no data partition device", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/vda", "btrfs", "/data", "'btrfs' is not supported")]
    [InlineData("vda", "ext4", "/data", "not an absolute path")]
    [InlineData("/dev/vda", "ext4", "/", "other than /")]
    [InlineData("/dev/vda", "ext4", "data", "other than /")]
    public void Bad_values_are_refused_by_name(string device, string type, string target, string expected)
    {
        var ex = Assert.Throws<DataPartitionException>(() => DataPartitionSpec.Resolve(device, type, target, null));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ext4", "mkfs.ext4", "-F -q -e remount-ro /dev/x")]
    [InlineData("f2fs", "mkfs.f2fs", "-f -q /dev/x")]
    [InlineData("vfat", "mkfs.vfat", "/dev/x")]
    public void Each_type_is_formatted_by_its_debian_tool_with_an_argument_vector(string type, string tool, string arguments)
    {
        (string program, _, string[] args) = FileSystemFormatter.Command(type, "/dev/x");
        Assert.Equal(tool, program);
        Assert.Equal(arguments, string.Join(' ', args));
    }
}
