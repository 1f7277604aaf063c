using Xunit;

namespace Medulla.TestSupport;

/// <summary>
/// An image file attached to a free loop device (/dev/loopN) with <c>losetup --find --show</c>, detached
/// on <see cref="Dispose"/>. Needs root and loop devices; without them the test fails saying so, it is
/// never skipped. Only image files the test created are ever attached: no real disk is touched.
/// </summary>
public sealed class LoopDevice : IDisposable
{
    private readonly string _losetup;
    private bool _detached;

    private LoopDevice(string losetup, string path, string imagePath)
    {
        _losetup = losetup;
        Path = path;
        ImagePath = imagePath;
    }

    /// <summary>The loop device, e.g. /dev/loop3.</summary>
    public string Path { get; }

    /// <summary>The image file behind it.</summary>
    public string ImagePath { get; }

    /// <summary>Attaches <paramref name="imagePath"/> to the first free loop device.</summary>
    public static LoopDevice Attach(string imagePath)
    {
        string losetup = ProcessRunner.Require("losetup", "util-linux");
        if (!System.IO.File.Exists("/dev/loop-control"))
        {
            Assert.Fail("/dev/loop-control is missing: these tests need loop devices (the loop module, CONFIG_BLK_DEV_LOOP) and root");
        }
        ProcessResult result = ProcessRunner.Run(losetup, ["--find", "--show", imagePath]);
        string device = result.Stdout.Trim();
        if (result.ExitCode != 0 || !device.StartsWith("/dev/loop", StringComparison.Ordinal))
        {
            Assert.Fail($"cannot attach {imagePath} to a loop device ('{result.Command}' exited with {result.ExitCode}: {result.Stderr.Trim()}); " +
                "these tests need root and free loop devices");
        }
        return new LoopDevice(losetup, device, imagePath);
    }

    /// <summary>Detaches the device; throws when losetup fails, so a leaked device is reported, not hidden.</summary>
    public void Dispose()
    {
        if (_detached)
        {
            return;
        }
        _detached = true;
        ProcessRunner.Run(_losetup, ["--detach", Path]).EnsureSuccess();
    }
}
