namespace Medulla.Firmware;

/// <summary>
/// A slot operation was refused because of what the variables say: no active slot, or nothing to revert
/// to. Nothing was written.
/// </summary>
public sealed class FirmwareSlotException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public FirmwareSlotException(string message) : base(message)
    {
    }
}
