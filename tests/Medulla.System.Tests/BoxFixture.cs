namespace Medulla.SystemTests;

/// <summary>
/// Builds the device in a box once for all system tests: packages, the cached kernel (about 11
/// minutes the first time on a machine), the published apps and the initramfs.
/// </summary>
public sealed class BoxFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(40);

    internal string Repo { get; } = FindRepo();

    internal BoxRun? Build { get; private set; }

    public async Task InitializeAsync() => Build = await BoxRun.Start(Repo, BuildLimit, "build");

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Fails the test when the box could not be built.</summary>
    internal void AssertBuilt() => Assert.True(Build is { ExitCode: 0 }, $"box build failed:\n{Build?.Output}");

    /// <summary>Runs a scenario on the built box; fails the test when the build failed.</summary>
    internal async Task<BoxRun> Run(string scenario, TimeSpan timeout)
    {
        AssertBuilt();
        string seconds = ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await BoxRun.Start(Repo, timeout + TimeSpan.FromMinutes(1), "run", scenario, "--no-build", "--timeout", seconds);
    }

    private static string FindRepo()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Medulla.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("Medulla.slnx not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class BoxTests : ICollectionFixture<BoxFixture>
{
    public const string Name = "device in a box";
}
