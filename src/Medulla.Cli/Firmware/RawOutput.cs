using System.Text;

namespace Medulla.Cli.Firmware;

/// <summary>
/// Bytes for standard output that need not be UTF-8 (environment variables as stored). The real stdout
/// is a <see cref="StreamWriter"/> over the process's stream, and gets them unchanged; any other writer
/// (a test's <see cref="StringWriter"/>) gets them decoded, bytes that are not UTF-8 as U+FFFD.
/// </summary>
internal static class RawOutput
{
    internal static void Write(TextWriter output, ReadOnlySpan<byte> bytes)
    {
        if (output is StreamWriter stream)
        {
            stream.Flush(); // what was written as text before goes first
            stream.BaseStream.Write(bytes);
        }
        else
        {
            output.Write(Encoding.UTF8.GetString(bytes));
        }
    }
}
