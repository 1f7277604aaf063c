using Medulla.Firmware;

namespace Medulla.Firmware.Tests.Support;

/// <summary>Thrown by <see cref="PowerCutStorage"/> where the power went out.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException() : base("power cut")
    {
    }
}

/// <summary>
/// Opens real image files, but lets only part of the environment write reach them and then "cuts the
/// power": the write path throws and nothing more reaches the file, not even the fsync. Two ways of
/// tearing a write: a prefix of <c>budget</c> bytes (a write stopped at a byte offset), or only the
/// chosen 512-byte sectors (write-back in any order, as a disk cache may do).
/// </summary>
internal sealed class PowerCutStorage : IEnvStorageProvider
{
    private readonly long _budget;
    private readonly IReadOnlySet<int>? _sectors;
    private bool _cut;

    private PowerCutStorage(long budget, IReadOnlySet<int>? sectors)
    {
        _budget = budget;
        _sectors = sectors;
    }

    public const int SectorSize = 512;

    /// <summary>The first <paramref name="bytes"/> bytes of the write reach the file.</summary>
    public static PowerCutStorage AfterBytes(long bytes) => new(bytes, null);

    /// <summary>Only these sectors (indexes into the written block) reach the file.</summary>
    public static PowerCutStorage OnlySectors(IReadOnlySet<int> sectors) => new(0, sectors);

    /// <summary>How many bytes of the write reached the file.</summary>
    public long Written { get; private set; }

    public IEnvStorage Open(string device, bool writable) => new Cutting(DeviceEnvStorage.Provider.Open(device, writable), this);

    private sealed class Cutting(IEnvStorage inner, PowerCutStorage owner) : IEnvStorage
    {
        public long Length => inner.Length;

        public int ReadAt(long offset, Span<byte> buffer)
        {
            if (owner._cut)
            {
                throw new PowerCutException();
            }
            return inner.ReadAt(offset, buffer);
        }

        public void WriteAt(long offset, ReadOnlySpan<byte> data)
        {
            if (owner._cut)
            {
                throw new PowerCutException();
            }
            if (owner._sectors is { } sectors)
            {
                foreach (int sector in sectors.Order())
                {
                    int start = sector * SectorSize;
                    if (start < data.Length)
                    {
                        ReadOnlySpan<byte> piece = data[start..Math.Min(data.Length, start + SectorSize)];
                        inner.WriteAt(offset + start, piece);
                        owner.Written += piece.Length;
                    }
                }
                owner._cut = true;
                throw new PowerCutException();
            }
            long room = owner._budget - owner.Written;
            int take = (int)Math.Clamp(room, 0, data.Length);
            if (take > 0)
            {
                inner.WriteAt(offset, data[..take]);
                owner.Written += take;
            }
            if (take < data.Length)
            {
                owner._cut = true;
                throw new PowerCutException();
            }
        }

        public void Flush(long offset, int length)
        {
            // The power goes out after the last byte reached the device but before the fsync returned.
            if (owner._cut || owner.Written >= owner._budget)
            {
                owner._cut = true;
                throw new PowerCutException();
            }
            inner.Flush(offset, length);
        }

        public void Dispose() => inner.Dispose();
    }
}
