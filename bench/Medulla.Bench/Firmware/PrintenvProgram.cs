namespace Medulla.Bench.Firmware;

/// <summary>A program that prints the environment: its name in the report, how it was built, and its command line.</summary>
/// <param name="Name">The report's name for it.</param>
/// <param name="Build">How it was built or where it comes from.</param>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">The arguments that print every variable of the bench environment.</param>
/// <param name="SizeBytes">What it takes on disk: the executable, or for a framework-dependent build its directory (not the shared runtime).</param>
internal sealed record PrintenvProgram(string Name, string Build, string FileName, IReadOnlyList<string> Arguments, long SizeBytes);
