namespace Medulla.Firmware;

/// <summary>
/// fw_env.config says something that cannot be used. The message is in the compiler style
/// <c>file:line: what is wrong</c>, e.g. <c>fw_env.config:3: env size '0x' is not a number</c>.
/// </summary>
public sealed class FwEnvConfigException : FormatException
{
    /// <summary>Creates the exception for a problem on <paramref name="lineNumber"/> (0 for the file as a whole).</summary>
    public FwEnvConfigException(string fileName, int lineNumber, string reason)
        : base(lineNumber > 0 ? $"{fileName}:{lineNumber}: {reason}" : $"{fileName}: {reason}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>The configuration file's name as given to the parser.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line the problem is on, or 0 when it concerns the whole file.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the file and line prefix.</summary>
    public string Reason { get; }
}
