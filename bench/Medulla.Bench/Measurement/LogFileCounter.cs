using System.Text;
using Medulla.Bench.Targets;

namespace Medulla.Bench.Measurement;

/// <summary>What a run left in its directory: event lines, other lines (a library's own reports), the last of each as a sample.</summary>
internal readonly record struct LogFileCount(long EventLines, long OtherLines, long Bytes, string? SampleLine, string? SampleOtherLine);

/// <summary>Counts the lines of every file a library wrote, telling the bench's events from everything else.</summary>
internal static class LogFileCounter
{
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes(BenchEvent.Marker);

    internal static LogFileCount Count(string directory)
    {
        long events = 0;
        long other = 0;
        long bytes = 0;
        ReadOnlySpan<byte> lastEvent = default;
        ReadOnlySpan<byte> lastOther = default;
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            byte[] data = File.ReadAllBytes(file);
            bytes += data.Length;
            ReadOnlySpan<byte> rest = data;
            while (!rest.IsEmpty)
            {
                int end = rest.IndexOf((byte)'\n');
                // A last line without a newline still counts: it was written.
                ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? default : rest[(end + 1)..];
                if (line.IndexOf(Marker) >= 0)
                {
                    events++;
                    lastEvent = line;
                }
                else if (!line.IsEmpty)
                {
                    other++;
                    lastOther = line;
                }
            }
        }
        return new LogFileCount(events, other, bytes, Text(lastEvent), Text(lastOther));
    }

    private static string? Text(ReadOnlySpan<byte> line) => line.IsEmpty ? null : Encoding.UTF8.GetString(line).TrimEnd('\r');
}
