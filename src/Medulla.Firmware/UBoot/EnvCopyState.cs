namespace Medulla.Firmware;

/// <summary>What was found in one copy of the environment.</summary>
public enum EnvCopyState
{
    /// <summary>The CRC matches: the copy holds an environment.</summary>
    Valid,

    /// <summary>The CRC does not match: a torn or interrupted write, or never written.</summary>
    CrcMismatch,

    /// <summary>Every byte is 0x00 or every byte is 0xff: an erased or never written area.</summary>
    Blank,

    /// <summary>The device or file ends before the copy does.</summary>
    Truncated,
}
