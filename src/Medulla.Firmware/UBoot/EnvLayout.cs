namespace Medulla.Firmware;

/// <summary>How the U-Boot environment is stored: one copy, or a redundant pair.</summary>
public enum EnvLayout
{
    /// <summary>
    /// One copy: a 4-byte CRC-32, then the variables. A power cut during a write can leave no valid
    /// environment.
    /// </summary>
    SingleCopy,

    /// <summary>
    /// Two copies, each a 4-byte CRC-32, a flags byte (a wrapping write counter), then the variables.
    /// Writes alternate between the copies, so one valid copy survives a power cut.
    /// </summary>
    Redundant,
}
