namespace Medulla.Runtime;

/// <summary>What is mounted on the data partition's mount point.</summary>
public enum DataPartitionState
{
    /// <summary>Nothing is mounted there.</summary>
    NotMounted,

    /// <summary>The configured device is mounted there read-write: ready.</summary>
    MountedReadWrite,

    /// <summary>The configured device is mounted there read-only (by option, or by the kernel after an error).</summary>
    MountedReadOnly,

    /// <summary>Something other than the configured device is mounted there; Medulla leaves it alone.</summary>
    OtherMounted,
}

/// <summary>The data partition as the mount table shows it.</summary>
/// <param name="Spec">The partition.</param>
/// <param name="State">What is mounted on its mount point.</param>
/// <param name="MountedSource">The source of what is mounted there (as the kernel names it), or null.</param>
/// <param name="MountedType">The file system type mounted there, or null.</param>
/// <param name="MountedElsewhere">Other mount points of the configured device.</param>
public sealed record DataPartitionStatus(DataPartitionSpec Spec, DataPartitionState State, string? MountedSource, string? MountedType, IReadOnlyList<string> MountedElsewhere);

/// <summary>What <see cref="DataPartition.Mount"/> did.</summary>
public enum DataMountAction
{
    /// <summary>It was already mounted read-write; left alone.</summary>
    AlreadyMounted,

    /// <summary>Mounted read-write (after unmounting a read-only mount of it, when <see cref="DataMountResult.Reason"/> says so).</summary>
    Mounted,

    /// <summary>It could not be mounted read-write, so it was formatted and mounted.</summary>
    Formatted,
}

/// <summary>The outcome of <see cref="DataPartition.Mount"/>.</summary>
/// <param name="Action">What was done.</param>
/// <param name="Reason">Why it was formatted or remounted; null when nothing was wrong.</param>
public sealed record DataMountResult(DataMountAction Action, string? Reason);
