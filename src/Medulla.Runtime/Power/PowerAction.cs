namespace Medulla.Runtime;

/// <summary>What a power request asks of the device.</summary>
public enum PowerAction
{
    /// <summary>Restart the device.</summary>
    Reboot,

    /// <summary>Switch the device off.</summary>
    Poweroff,

    /// <summary>Stop the device without switching it off.</summary>
    Halt,
}
