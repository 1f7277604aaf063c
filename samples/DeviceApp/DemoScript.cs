namespace DeviceApp;

/// <summary>The action the device was started with (demo, run, burst N, crash, hang, help).</summary>
internal sealed record DemoScript(string[] Args)
{
    public string Action => Args[0].ToLowerInvariant();

    public int Count => Args.Length > 1 && int.TryParse(Args[1], out int n) && n > 0 ? n : 20_000;
}
