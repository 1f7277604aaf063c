namespace Medulla.Firmware;

/// <summary>
/// Orders variable names by their bytes, unsigned, as strcmp does: the order in which U-Boot's saveenv
/// and libubootenv's fw_setenv store variables and fw_printenv lists them, bytes that are not UTF-8
/// included.
/// </summary>
internal sealed class NameBytesOrder : IComparer<byte[]>
{
    internal static readonly NameBytesOrder Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
