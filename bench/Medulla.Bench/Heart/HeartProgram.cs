namespace Medulla.Bench.Heart;

/// <summary>One heart program as the bench starts it.</summary>
/// <param name="Name">The name in the report.</param>
/// <param name="Version">Its version, as far as it can be told without running it.</param>
/// <param name="Build">How it was built.</param>
/// <param name="Path">The executable (what /proc/PID/exe of the started process must point at).</param>
/// <param name="SizeBytes">Size on disk.</param>
/// <param name="Environment">Its whole environment besides PATH: nothing of the bench's own leaks in.</param>
internal sealed record HeartProgram(
    string Name, string Version, string Build, string Path, long SizeBytes, IReadOnlyDictionary<string, string> Environment);
