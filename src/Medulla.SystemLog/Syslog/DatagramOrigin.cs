namespace Medulla.SystemLog;

/// <summary>What the socket said about a datagram besides its bytes: the sender's credentials and whether it was cut.</summary>
internal readonly record struct DatagramOrigin(int? Pid, long? Uid, bool Truncated);
