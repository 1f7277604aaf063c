using Medulla.Linux;
using Medulla.Runtime.Tests.Support;

namespace Medulla.Runtime.Tests.Data;

/// <summary>
/// The data partition on real loop devices over image files, with the real mkfs.ext4, each test in a
/// private mount namespace (nothing it mounts is visible outside, and it is gone when the test ends).
/// </summary>
public sealed class DataPartitionLoopTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-data");

    private string Target => _dir.Combine("data");

    private DataPartition Partition(string device) => new(new DataPartitionSpec(device, "ext4", Target));

    [Fact]
    public void A_blank_partition_is_formatted_and_mounted_read_write()
    {
        using var blank = new BlankPartition(_dir, "blank");
        PrivateMounts.Run(() =>
        {
            DataPartition data = Partition(blank.Device);
            Assert.Equal(DataPartitionState.NotMounted, data.GetStatus().State);

            DataMountResult result = data.Mount();

            Assert.Equal(DataMountAction.Formatted, result.Action);
            Assert.Contains("no usable ext4 file system", result.Reason, StringComparison.Ordinal);
            DataPartitionStatus status = data.GetStatus();
            Assert.Equal(DataPartitionState.MountedReadWrite, status.State);
            Assert.Equal("ext4", status.MountedType);
            File.WriteAllText(Path.Combine(Target, "kept.txt"), "kept");
        });
    }

    [Fact]
    public void Data_survives_a_second_mount_and_a_mounted_partition_is_left_alone()
    {
        using var partition = new BlankPartition(_dir, "p");
        PrivateMounts.Run(() =>
        {
            DataPartition data = Partition(partition.Device);
            Assert.Equal(DataMountAction.Formatted, data.Mount().Action);
            File.WriteAllText(Path.Combine(Target, "kept.txt"), "kept");
            Mounts.Unmount(Target);

            Assert.Equal(new DataMountResult(DataMountAction.Mounted, null), data.Mount());
            Assert.Equal("kept", File.ReadAllText(Path.Combine(Target, "kept.txt")));
            Assert.Equal(new DataMountResult(DataMountAction.AlreadyMounted, null), data.Mount());
            Assert.Equal("kept", File.ReadAllText(Path.Combine(Target, "kept.txt")));
        });
    }

    [Fact]
    public void A_corrupted_partition_is_formatted_again()
    {
        using var partition = new BlankPartition(_dir, "p");
        PrivateMounts.Run(() =>
        {
            DataPartition data = Partition(partition.Device);
            data.Mount();
            File.WriteAllText(Path.Combine(Target, "old.txt"), "old");
            Mounts.Unmount(Target);
            partition.Scribble(1024, 1024); // ext4's primary superblock

            DataMountResult result = data.Mount();

            Assert.Equal(DataMountAction.Formatted, result.Action);
            Assert.Equal(DataPartitionState.MountedReadWrite, data.GetStatus().State);
            Assert.False(File.Exists(Path.Combine(Target, "old.txt")));
        });
    }

    [Fact]
    public void A_read_only_mount_is_detected_and_remounted_read_write_keeping_the_data()
    {
        using var partition = new BlankPartition(_dir, "p");
        PrivateMounts.Run(() =>
        {
            DataPartition data = Partition(partition.Device);
            data.Mount();
            File.WriteAllText(Path.Combine(Target, "kept.txt"), "kept");
            Mounts.Unmount(Target);
            Mounts.Mount(partition.Device, Target, "ext4", MountOptions.ReadOnly);
            Assert.Equal(DataPartitionState.MountedReadOnly, data.GetStatus().State);

            DataMountResult result = data.Mount();

            Assert.Equal(DataMountAction.Mounted, result.Action);
            Assert.Contains("read-only", result.Reason, StringComparison.Ordinal);
            Assert.Equal(DataPartitionState.MountedReadWrite, data.GetStatus().State);
            Assert.Equal("kept", File.ReadAllText(Path.Combine(Target, "kept.txt")));
            File.WriteAllText(Path.Combine(Target, "new.txt"), "writable");
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_factory_reset_leaves_a_partition_that_formats_on_the_next_mount(bool mounted)
    {
        using var partition = new BlankPartition(_dir, "p");
        PrivateMounts.Run(() =>
        {
            DataPartition data = Partition(partition.Device);
            data.Mount();
            File.WriteAllText(Path.Combine(Target, "secret.txt"), "secret");
            if (!mounted)
            {
                Mounts.Unmount(Target);
            }

            data.Reset();

            Assert.Equal(DataPartitionState.NotMounted, data.GetStatus().State);
            Assert.All(partition.Head(8192), b => Assert.Equal(0, b));
            DataMountResult next = data.Mount();
            Assert.Equal(DataMountAction.Formatted, next.Action);
            Assert.False(File.Exists(Path.Combine(Target, "secret.txt")));
        });
    }

    [Fact]
    public void Another_device_on_the_mount_point_is_left_alone_and_the_configured_one_untouched()
    {
        using var configured = new BlankPartition(_dir, "configured");
        using var other = new BlankPartition(_dir, "other");
        PrivateMounts.Run(() =>
        {
            Partition(other.Device).Mount(); // the other device, formatted and mounted on the target
            File.WriteAllText(Path.Combine(Target, "theirs.txt"), "theirs");
            DataPartition data = Partition(configured.Device);
            Assert.Equal(DataPartitionState.OtherMounted, data.GetStatus().State);

            var mount = Assert.Throws<DataPartitionException>(() => data.Mount());
            var reset = Assert.Throws<DataPartitionException>(() => data.Reset());

            Assert.Contains("leaving both alone", mount.Message, StringComparison.Ordinal);
            Assert.Contains(other.Device, mount.Message, StringComparison.Ordinal);
            Assert.Contains("leaving both alone", reset.Message, StringComparison.Ordinal);
            Assert.Equal("theirs", File.ReadAllText(Path.Combine(Target, "theirs.txt")));
            Assert.All(configured.Head(), b => Assert.Equal(0, b)); // never formatted
        });
    }

    [Fact]
    public void The_configured_device_mounted_elsewhere_is_not_touched()
    {
        using var partition = new BlankPartition(_dir, "p");
        string elsewhere = _dir.Combine("elsewhere");
        PrivateMounts.Run(() =>
        {
            new DataPartition(new DataPartitionSpec(partition.Device, "ext4", elsewhere)).Mount();
            File.WriteAllText(Path.Combine(elsewhere, "kept.txt"), "kept");
            DataPartition data = Partition(partition.Device);

            var mount = Assert.Throws<DataPartitionException>(() => data.Mount());
            var reset = Assert.Throws<DataPartitionException>(() => data.Reset());

            Assert.Contains(elsewhere, mount.Message, StringComparison.Ordinal);
            Assert.Contains(elsewhere, reset.Message, StringComparison.Ordinal);
            Assert.Equal("kept", File.ReadAllText(Path.Combine(elsewhere, "kept.txt")));
        });
    }

    [Fact]
    public void A_path_that_is_not_a_block_device_is_refused_and_left_as_it_is()
    {
        string image = _dir.File("plain.img");
        File.WriteAllBytes(image, new byte[1 << 20]);
        PrivateMounts.Run(() =>
        {
            DataPartition data = Partition(image);

            var ex = Assert.Throws<DataPartitionException>(() => data.Mount());
            Assert.Throws<DataPartitionException>(() => data.Reset());

            Assert.Contains("not a block device", ex.Message, StringComparison.Ordinal);
            Assert.All(File.ReadAllBytes(image), b => Assert.Equal(0, b));
        });
    }

    public void Dispose() => _dir.Dispose();
}
