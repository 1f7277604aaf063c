using System.Diagnostics;
using System.Globalization;

namespace Medulla.Bench.Box;

/// <summary>What the box was in this run: qemu's version, the kernel, the initramfs and the app in it.</summary>
internal sealed record BoxFacts(string Qemu, string Kernel, string KernelFile, string Initramfs, string App)
{
    internal static BoxFacts Collect(string box, IReadOnlyList<BootRun> runs)
    {
        string outDir = Path.Combine(Path.GetDirectoryName(box)!, "out");
        string bzImage = Path.Combine(outDir, "bzImage");
        string kernelFile = File.Exists(bzImage) ? (File.ResolveLinkTarget(bzImage, returnFinalTarget: true)?.FullName ?? bzImage) : "(missing)";
        string kernel = runs.Select(r => r.Markers.GuestKernel).FirstOrDefault(k => k is not null) ?? "unknown";
        return new BoxFacts(FirstLine("qemu-system-x86_64", "--version") ?? "qemu-system-x86_64 (version unknown)", kernel, kernelFile,
            $"{Size(Path.Combine(outDir, "initramfs.cpio"))} (an uncompressed cpio archive)",
            Size(Path.Combine(outDir, "stage", "app", "DeviceApp")));
    }

    private static string Size(string path) => File.Exists(path) ? Mib(new FileInfo(path).Length) : "unknown";

    private static string Mib(long bytes) => bytes <= 0 ? "unknown" : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MiB");

    private static string? FirstLine(string program, string argument)
    {
        try
        {
            var start = new ProcessStartInfo(program, argument) { RedirectStandardOutput = true, UseShellExecute = false };
            using Process p = Process.Start(start)!;
            string? line = p.StandardOutput.ReadLine()?.Trim();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return line;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
