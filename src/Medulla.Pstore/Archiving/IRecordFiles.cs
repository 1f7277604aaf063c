using Medulla.Linux;

namespace Medulla.Pstore;

/// <summary>The archiver's file operations; a seam so tests can make a copy or a removal fail.</summary>
internal interface IRecordFiles
{
    /// <summary>
    /// Copies <paramref name="record"/> into <paramref name="folder"/> under the same name, by way of the
    /// file <paramref name="temporary"/>, so that the copy is complete and durable or absent.
    /// </summary>
    void CopyDurably(PstoreRecord record, string temporary, string folder);

    /// <summary>Makes the entries of <paramref name="directory"/> durable.</summary>
    void SyncDirectory(string directory);

    /// <summary>Deletes a record from pstore, which frees it in the backend.</summary>
    void Remove(PstoreRecord record);
}

/// <summary>
/// The real operations. A copy is written to a temporary file, fsynced, then renamed to the final name
/// (rename is atomic), so a power cut leaves no half-written record under a record's name. The archiver
/// keeps temporary files out of the boot folder, where any name may be a record's.
/// </summary>
internal sealed class DurableRecordFiles : IRecordFiles
{
    internal static readonly DurableRecordFiles Instance = new();

    public void CopyDurably(PstoreRecord record, string temporary, string folder)
    {
        try
        {
            using (FileStream input = PstoreReader.OpenRecord(record))
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                input.CopyTo(output, 64 * 1024);
                output.Flush(flushToDisk: true);
            }
            if (record.NonUtf8Name is { } name)
            {
                RawNameFiles.MoveTo(temporary, folder, name);
            }
            else
            {
                File.Move(temporary, Path.Combine(folder, record.FileName), overwrite: true);
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public void SyncDirectory(string directory) => Directories.Sync(directory);

    public void Remove(PstoreRecord record)
    {
        if (record.NonUtf8Name is { } name)
        {
            RawNameFiles.Delete(Path.GetDirectoryName(record.FullPath)!, name);
        }
        else
        {
            File.Delete(record.FullPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The copy already failed and that is what gets reported; a stray temporary file is removed by the next run.
        }
    }
}
