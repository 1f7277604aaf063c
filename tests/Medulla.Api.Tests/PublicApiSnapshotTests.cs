using System.Reflection;
using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace Medulla.Api.Tests;

/// <summary>
/// The public surface of every package, printed and compared with the checked-in file under api/, so a
/// change to it is a visible, reviewed diff. To accept a deliberate change run the tests with
/// MEDULLA_UPDATE_API=1 and commit the rewritten files.
/// </summary>
public class PublicApiSnapshotTests
{
    public static TheoryData<string> Packages => new()
    {
        "Medulla.Linux",
        "Medulla.Logging",
        "Medulla.Pstore",
        "Medulla.Firmware",
        "Medulla.Heart",
        "Medulla.Devices",
        "Medulla.SystemLog",
        "Medulla.Runtime",
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_api_matches_the_checked_in_snapshot(string package)
    {
        Assembly assembly = Assembly.Load(package);
        string actual = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Attributes that describe the build, not the API.
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
            ],
        }).ReplaceLineEndings("\n");
        string path = Path.Combine(SnapshotDirectory(), $"{package}.txt");
        if (Environment.GetEnvironmentVariable("MEDULLA_UPDATE_API") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no snapshot {path}: run the tests with MEDULLA_UPDATE_API=1 and commit it");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"the public API of {package} changed; if deliberate, run the tests with MEDULLA_UPDATE_API=1 and commit {path}\n{FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>";
            string al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}:\n  snapshot: {el}\n  actual:   {al}";
            }
        }
        return "(same lines)";
    }

    private static string SnapshotDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "api");
}
