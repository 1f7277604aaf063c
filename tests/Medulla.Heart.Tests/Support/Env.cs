namespace Medulla.Heart.Tests.Support;

/// <summary>Environment variables for a test heart, as name, value pairs.</summary>
internal static class Env
{
    public static Dictionary<string, string> Of(params string[] pairs)
    {
        var env = new Dictionary<string, string>();
        for (int i = 0; i < pairs.Length; i += 2)
        {
            env[pairs[i]] = pairs[i + 1];
        }
        return env;
    }
}
