using Medulla.Firmware;
using Medulla.Logging;
using Medulla.Pstore;
using Medulla.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Medulla.Runtime.Tests.Hosting;

/// <summary>
/// <c>AddMedulla()</c> on a host: one call, every part from its section, started in the device's order.
/// Runs in a private mount namespace over a loop device, with the syslog socket in a temporary directory
/// and the heart off, so nothing of the machine's own is touched.
/// </summary>
[Collection(nameof(PmsgGateUsers))]
public sealed class AddMedullaTests : IDisposable
{
    private readonly TempDirectory _dir = new("medulla-add");

    private IHost Build(BlankPartition partition, string pstoreRoot, string? logFile = null)
    {
        string target = _dir.Combine("data");
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Medulla:Firmware:Backend"] = "memory",
            [$"Medulla:Firmware:Values:{FirmwareKeys.Active}"] = "a",
            [$"Medulla:Firmware:Values:{FirmwareKeys.Validated}"] = "0",
            [$"Medulla:Firmware:Values:{FirmwareKeys.UpgradeAvailable}"] = "1",
            ["Medulla:Firmware:Values:a.nerves_fw_application_part0_devpath"] = partition.Device,
            ["Medulla:Firmware:Values:a.nerves_fw_application_part0_fstype"] = "ext4",
            ["Medulla:Firmware:Values:a.nerves_fw_application_part0_target"] = target,
            ["Medulla:Pstore:Root"] = pstoreRoot,
            ["Medulla:Pstore:ArchiveDirectory"] = Path.Combine(target, "pstore"),
            ["Medulla:SystemLog:Kmsg:Start"] = "end",
            ["Medulla:SystemLog:Syslog:SocketPath"] = _dir.File("log.sock"),
            ["Medulla:Validation:Timeout"] = "30s",
            ["Medulla:Validation:CheckInterval"] = "100ms",
        });
        if (logFile is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Medulla:Logging:Handlers:file:Type"] = "file",
                ["Medulla:Logging:Handlers:file:Path"] = logFile,
            });
        }
        builder.Services.AddMedulla();
        return builder.Build();
    }

    [Fact]
    public void The_parts_start_in_the_devices_order_and_the_firmware_is_validated_once_the_host_started()
    {
        using var partition = new BlankPartition(_dir, "data");
        string pstore = _dir.Combine("pstore");
        Directory.CreateDirectory(pstore);
        File.WriteAllText(Path.Combine(pstore, "dmesg-ramoops-0"), "Oops: the previous boot\n");
        PrivateMounts.Run(() =>
        {
            using IHost host = Build(partition, pstore);
            string[] order = [.. host.Services.GetServices<IHostedService>().Select(s => s.GetType().Name)];
            Assert.True(Index(order, "DataPartitionHostedService") < Index(order, "PstoreArchiveHostedService"), string.Join(", ", order));
            Assert.True(Index(order, "PstoreArchiveHostedService") < Index(order, "SyslogHostedService"), string.Join(", ", order));
            Assert.True(Index(order, "DevicesHostedService") < Index(order, "HeartHostedService"), string.Join(", ", order));
            Assert.True(Index(order, "PowerHostedService") < Index(order, "AssistedValidationHostedService"), string.Join(", ", order));
            Assert.IsType<MedullaLoggerProvider>(Assert.Single(host.Services.GetServices<ILoggerProvider>()));

            host.StartAsync().GetAwaiter().GetResult();
            var validation = host.Services.GetRequiredService<AssistedValidationHostedService>();
            validation.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();

            // The data partition was mounted before the archive wrote under it.
            string archived = Assert.Single(Directory.GetDirectories(_dir.Combine("data", "pstore")));
            Assert.True(File.Exists(Path.Combine(archived, "dmesg-ramoops-0")));
            Assert.False(PmsgWriteGate.IsHeld);
            Assert.Equal(AssistedValidationState.Validated, validation.State);
            Assert.Equal(FirmwareValidation.Validated, host.Services.GetRequiredService<FirmwareSlots>().Validation);
            host.StopAsync().GetAwaiter().GetResult();
        });
    }

    [Fact]
    public void A_log_file_on_the_data_partition_is_opened_after_the_mount_and_holds_what_was_logged_before_it()
    {
        using var partition = new BlankPartition(_dir, "data");
        string pstore = _dir.Combine("pstore");
        Directory.CreateDirectory(pstore);
        string logFile = _dir.Combine("data", "logs", "device.log");
        PrivateMounts.Run(() =>
        {
            using IHost host = Build(partition, pstore, logFile);
            host.Services.GetRequiredService<ILogger<AddMedullaTests>>().LogWarning("logged before the host started");
            // Opened now, the file would be created beneath the mount point and hidden by the mount.
            Assert.False(Directory.Exists(Path.GetDirectoryName(logFile)));

            host.StartAsync().GetAwaiter().GetResult();
            Assert.True(host.Services.GetRequiredService<LogSystem>().Flush(TimeSpan.FromSeconds(30)));

            Assert.Equal(DataPartitionState.MountedReadWrite, new DataPartition(new DataPartitionSpec(partition.Device, "ext4", _dir.Combine("data"))).GetStatus().State);
            string written = File.ReadAllText(logFile);
            Assert.Contains("logged before the host started", written, StringComparison.Ordinal);
            Assert.Contains("Formatting data partition", written, StringComparison.Ordinal);
            host.StopAsync().GetAwaiter().GetResult();
        });
        // Outside the private mount namespace: nothing was written beneath the mount point.
        Assert.False(Directory.Exists(Path.GetDirectoryName(logFile)));
    }

    private static int Index(string[] order, string name)
    {
        int i = Array.IndexOf(order, name);
        Assert.True(i >= 0, $"{name} is not registered: {string.Join(", ", order)}");
        return i;
    }

    public void Dispose()
    {
        PmsgWriteGate.Open();
        _dir.Dispose();
    }
}

/// <summary>Tests that hold the process-wide pmsg gate run alone.</summary>
[CollectionDefinition(nameof(PmsgGateUsers), DisableParallelization = true)]
public sealed class PmsgGateUsers;
