namespace Medulla.Firmware;

/// <summary>
/// Orders variable names by their UTF-8 bytes, as strcmp does: the order in which U-Boot's saveenv and
/// libubootenv's fw_setenv store variables and fw_printenv lists them.
/// </summary>
internal sealed class VariableOrder : IComparer<string>
{
    internal static readonly VariableOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        int length = Math.Min(x.Length, y.Length);
        for (int i = 0; i < length; i++)
        {
            char a = x[i];
            char b = y[i];
            if (a != b)
            {
                // UTF-16 order equals code point (so UTF-8 byte) order except that surrogates (U+D800-DFFF,
                // encoding code points above U+FFFF) sort before U+E000-FFFF; move them after.
                return Fix(a) - Fix(b);
            }
        }
        return x.Length - y.Length;
    }

    private static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
