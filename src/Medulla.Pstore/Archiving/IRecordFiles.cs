using Medulla.Linux;

namespace Medulla.Pstore;

/// <summary>The archiver's file operations; a seam so tests can make a copy or a removal fail.</summary>
internal interface IRecordFiles
{
    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="destination"/> by way of the file
    /// <paramref name="temporary"/>, so that the destination is complete and durable or absent.
    /// </summary>
    void CopyDurably(string source, string temporary, string destination);

    /// <summary>Makes the entries of <paramref name="directory"/> durable.</summary>
    void SyncDirectory(string directory);

    /// <summary>Deletes a record from pstore, which frees it in the backend.</summary>
    void Remove(string path);
}

/// <summary>
/// The real operations. A copy is written to a temporary file, fsynced, then renamed to the final name
/// (rename is atomic), so a power cut leaves no half-written record under a record's name. The archiver
/// keeps temporary files out of the boot folder, where any name may be a record's.
/// </summary>
internal sealed class DurableRecordFiles : IRecordFiles
{
    internal static readonly DurableRecordFiles Instance = new();

    public void CopyDurably(string source, string temporary, string destination)
    {
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024))
            using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public void SyncDirectory(string directory) => Directories.Sync(directory);

    public void Remove(string path) => File.Delete(path);

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
