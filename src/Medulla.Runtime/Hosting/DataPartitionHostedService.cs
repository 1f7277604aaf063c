using Medulla.Firmware;
using Medulla.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medulla.Runtime;

/// <summary>
/// Mounts the data partition when the host starts, before the hosted services registered after it (the
/// ones that write under it). A partition that cannot be made usable stops the host when
/// <see cref="DataPartitionOptions.Required"/>, else it is logged as an error.
/// </summary>
internal sealed class DataPartitionHostedService(IOptions<DataPartitionOptions> options, ILogger<DataPartition> logger, FirmwareSlots? slots = null, DataPartitionMounted? mounted = null) : IHostedService
{
    /// <summary>What the start did; null before, or when disabled or failed.</summary>
    public DataMountResult? Result { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Mount();
        }
        finally
        {
            // Whatever happened: log files wait no longer (where the mount failed they go where they can).
            mounted?.Gate.Open();
        }
    }

    private Task Mount()
    {
        DataPartitionOptions o = options.Value;
        if (!o.Enabled)
        {
            return Task.CompletedTask;
        }
        SlotMetadata? slot = ActiveSlot(o);
        if (o.Device is null && o.FileSystemType is null && o.Target is null
            && slot?.ApplicationPartDevPath is null && slot?.ApplicationPartFsType is null && slot?.ApplicationPartTarget is null)
        {
            // Nothing names a data partition (a workstation, a device without one): nothing to require.
            logger.LogInformation("No data partition: none configured ({Section}) and no application partition in the firmware metadata", DataPartitionOptions.SectionPath);
            return Task.CompletedTask;
        }
        try
        {
            DataPartitionSpec spec = DataPartitionSpec.Resolve(o.Device, o.FileSystemType, o.Target, slot);
            Result = new DataPartition(spec, logger).Mount();
        }
        catch (DataPartitionException ex) when (!o.Required)
        {
            logger.LogError(ex, "Data partition not mounted: {Reason}", ex.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The active slot's metadata when something is left to take from it and firmware metadata is there.</summary>
    private SlotMetadata? ActiveSlot(DataPartitionOptions o)
    {
        if (slots is null || (o.Device is not null && o.FileSystemType is not null && o.Target is not null))
        {
            return null;
        }
        try
        {
            return slots.ActiveSlot is { } active ? slots.GetSlot(active) : null;
        }
        catch (Exception ex) when (ex is IOException or KvUnavailableException or FormatException)
        {
            logger.LogWarning("Cannot read the firmware metadata for the data partition: {Reason}", ex.Message);
            return null;
        }
    }
}

/// <summary>
/// The gate <c>AddMedulla()</c> gives the file log handlers (<see cref="MedullaLoggingOptions.FileOpenGate"/>):
/// held until <see cref="DataPartitionHostedService"/> has mounted the data partition (or found none).
/// </summary>
internal sealed class DataPartitionMounted
{
    public DataPartitionMounted()
    {
        Gate.Hold();
    }

    public WriteGate Gate { get; } = new();
}
