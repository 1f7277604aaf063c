namespace Medulla.Firmware;

/// <summary>What one copy of the environment held when it was last read or written.</summary>
/// <param name="Index">0 for the first line of fw_env.config, 1 for the second.</param>
/// <param name="Location">The copy's line of fw_env.config.</param>
/// <param name="Offset">The byte offset on the device, a negative configured offset resolved against its size.</param>
/// <param name="State">Valid, or why not.</param>
/// <param name="Flags">The redundant layout's write counter as stored in the copy.</param>
/// <param name="Problem">For a copy that is not valid, what is wrong with it; otherwise null.</param>
public sealed record EnvCopyStatus(int Index, EnvCopyLocation Location, long Offset, EnvCopyState State, byte Flags, string? Problem);
