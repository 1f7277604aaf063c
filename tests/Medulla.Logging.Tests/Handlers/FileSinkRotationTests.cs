using System.IO.Compression;
using System.Text;
using Medulla.Logging;

namespace Medulla.Logging.Tests.Handlers;

public sealed class FileSinkRotationTests : IDisposable
{
    // 11 lines of 9 bytes (99) fit under 100; the 12th would cross it.
    private const int LinesPerFile = 11;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string LogPath => _dir.File("app.log");

    private SinkRig Rig(FileSinkOptions options) => new(() => new FileSink(options));

    private string Read(string name) => File.ReadAllText(_dir.File(name), Encoding.UTF8);

    [Fact]
    public void Lines_crossing_MaxBytes_rotate_on_a_line_boundary_and_the_oldest_archive_beyond_MaxFiles_is_deleted()
    {
        // given a file sink rotating at 100 bytes and keeping 3 archives
        using (var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 100, MaxFiles = 3 }))
        {
            // when 50 lines of 9 bytes are logged
            rig.LogLines(0, 50);
            rig.Flush();
        }

        // then each full file holds 11 whole lines, the archives shifted up, and lines 0-10 went with the oldest
        Assert.Equal(["app.log", "app.log.0", "app.log.1", "app.log.2"], _dir.Names());
        Assert.Equal(SinkRig.Lines(44, 50), Read("app.log"));
        Assert.Equal(SinkRig.Lines(33, 44), Read("app.log.0"));
        Assert.Equal(SinkRig.Lines(22, 33), Read("app.log.1"));
        Assert.Equal(SinkRig.Lines(11, 22), Read("app.log.2"));
        Assert.Equal(LinesPerFile * SinkRig.LineBytes, new FileInfo(_dir.File("app.log.0")).Length);
        Assert.Equal(6 * SinkRig.LineBytes, new FileInfo(LogPath).Length);
    }

    [Fact]
    public void A_file_may_reach_MaxBytes_exactly_and_rotates_only_when_the_next_line_would_exceed_it()
    {
        // given a limit of exactly 11 lines
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = LinesPerFile * SinkRig.LineBytes });

        // when 11 lines are logged
        rig.LogLines(0, LinesPerFile);
        rig.Flush();

        // then there is no rotation yet
        Assert.Equal(["app.log"], _dir.Names());

        // when one more line is logged
        rig.LogLines(LinesPerFile, LinesPerFile + 1);
        rig.Flush();

        // then the full file is the archive and the new line starts the fresh file
        Assert.Equal(SinkRig.Lines(0, LinesPerFile), Read("app.log.0"));
        Assert.Equal(SinkRig.Lines(LinesPerFile, LinesPerFile + 1), Read("app.log"));
    }

    [Fact]
    public void A_record_larger_than_MaxBytes_fills_a_fresh_file_alone()
    {
        // given a 20-byte limit
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 20 });
        string big = new('x', 49);

        // when a small line, a 50-byte line and another small line are logged
        rig.Logger.Log(Level.Info, "a");
        rig.Logger.Log(Level.Info, big);
        rig.Logger.Log(Level.Info, "b");
        rig.Flush();

        // then the big line is alone in its file, whole
        Assert.Equal("a\n", Read("app.log.1"));
        Assert.Equal(big + "\n", Read("app.log.0"));
        Assert.Equal("b\n", Read("app.log"));
    }

    [Fact]
    public void The_size_of_an_existing_file_counts_towards_MaxBytes()
    {
        // given a file that already holds 95 bytes
        string existing = new string('e', 94) + "\n";
        File.WriteAllText(LogPath, existing);
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 100 });

        // when a 9-byte line is logged
        rig.LogLines(0, 1);
        rig.Flush();

        // then the old content was rotated away untouched and the line starts the fresh file
        Assert.Equal(existing, Read("app.log.0"));
        Assert.Equal(SinkRig.Lines(0, 1), Read("app.log"));
    }

    [Fact]
    public void New_lines_are_appended_to_an_existing_file_below_the_limit()
    {
        // given a file with earlier content
        File.WriteAllText(LogPath, "earlier\n");
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 100 });

        // when a line is logged
        rig.LogLines(0, 1);
        rig.Flush();

        // then it follows the earlier content
        Assert.Equal("earlier\n" + SinkRig.Lines(0, 1), Read("app.log"));
        Assert.Equal(["app.log"], _dir.Names());
    }

    [Fact]
    public void MaxFiles_zero_rotates_by_emptying_the_file()
    {
        // given no archives kept
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 100, MaxFiles = 0 });

        // when 15 lines are logged
        rig.LogLines(0, 15);
        rig.Flush();

        // then only the lines after the last rotation remain, in the one file
        Assert.Equal(["app.log"], _dir.Names());
        Assert.Equal(SinkRig.Lines(LinesPerFile, 15), Read("app.log"));
    }

    [Fact]
    public void Without_MaxBytes_the_file_is_never_rotated()
    {
        // given rotation turned off
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = null });

        // when 200 lines are logged
        rig.LogLines(0, 200);
        rig.Flush();

        // then everything is in the one file
        Assert.Equal(["app.log"], _dir.Names());
        Assert.Equal(SinkRig.Lines(0, 200), Read("app.log"));
    }

    [Fact]
    public void Compressed_archives_are_gzip_files_holding_exactly_the_rotated_lines()
    {
        // given compression and two archives kept
        using (var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 100, MaxFiles = 2, Compress = true }))
        {
            // when 40 lines are logged (three rotations)
            rig.LogLines(0, 40);
            rig.Flush();
        }

        // then the archives are .gz only (no plain copy, no temporary), decompressing to whole lines
        Assert.Equal(["app.log", "app.log.0.gz", "app.log.1.gz"], _dir.Names());
        Assert.Equal(SinkRig.Lines(22, 33), Gunzip("app.log.0.gz"));
        Assert.Equal(SinkRig.Lines(11, 22), Gunzip("app.log.1.gz"));
        Assert.Equal(SinkRig.Lines(33, 40), Read("app.log"));
    }

    [Fact]
    public void Archives_left_beyond_a_smaller_MaxFiles_are_removed_at_the_next_rotation()
    {
        // given archives 0-5 from an earlier configuration that kept six
        for (int i = 0; i < 6; i++)
        {
            File.WriteAllText(_dir.File($"app.log.{i}"), $"old {i}\n");
        }
        using var rig = Rig(new FileSinkOptions { Path = LogPath, MaxBytes = 100, MaxFiles = 2 });

        // when the file rotates once
        rig.LogLines(0, LinesPerFile + 1);
        rig.Flush();

        // then two archives remain: the rotated file and the previous newest
        Assert.Equal(["app.log", "app.log.0", "app.log.1"], _dir.Names());
        Assert.Equal(SinkRig.Lines(0, LinesPerFile), Read("app.log.0"));
        Assert.Equal("old 0\n", Read("app.log.1"));
    }

    private string Gunzip(string name)
    {
        using var file = File.OpenRead(_dir.File(name));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
