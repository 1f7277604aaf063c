using Medulla.Heart.Tests.Support;

namespace Medulla.Heart.Tests.Watchdog;

/// <summary>The real device class against a named pipe (its ioctls fail with ENOTTY, as on any non-watchdog).</summary>
public class LinuxWatchdogDeviceTests
{
    private readonly ListLogger _log = new();

    [Fact]
    public async Task Nothing_is_opened_before_the_first_pet_and_each_pet_writes_one_zero_byte()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        int fakesOwn = OpenFiles.CountInThisProcess(watchdog.Path);
        using var device = new LinuxWatchdogDevice(watchdog.Path, null, _log);
        int beforePet = OpenFiles.CountInThisProcess(watchdog.Path);

        bool first = device.Pet();
        bool second = device.Pet();

        Assert.Equal(fakesOwn, beforePet);
        Assert.Equal(fakesOwn + 1, OpenFiles.CountInThisProcess(watchdog.Path));
        Assert.True(first);
        Assert.True(second);
        Assert.Equal(2, await watchdog.SyncAsync());
        Assert.False(watchdog.SawMagicClose);
    }

    [Fact]
    public void A_device_that_cannot_tell_its_timeout_is_assumed_to_have_the_requested_or_the_default_one()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        using var asked = new LinuxWatchdogDevice(watchdog.Path, 4, _log);
        using var plain = new LinuxWatchdogDevice(watchdog.Path, null, _log);

        asked.Pet();
        plain.Pet();

        Assert.Equal(TimeSpan.FromSeconds(4), asked.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), plain.Timeout);
        Assert.Contains(_log.Messages, m => m.Contains("cannot set the watchdog timeout to 4 s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_device_is_retried_on_each_pet_and_given_up_after_10_failures()
    {
        using var dir = new TempDirectory();
        using var device = new LinuxWatchdogDevice(dir.Combine("watchdog9"), null, _log);

        for (int i = 0; i < LinuxWatchdogDevice.OpenAttempts - 1; i++)
        {
            Assert.False(device.Pet());
            Assert.NotNull(device.Timeout);
        }
        Assert.False(device.Pet());

        Assert.Null(device.Timeout);
        Assert.Single(_log.Messages, m => m.Contains("running without a hardware watchdog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_device_that_appears_late_is_opened_by_a_later_pet()
    {
        using var dir = new TempDirectory();
        string path = FakeWatchdog.CreateWithoutReader(dir);
        using var device = new LinuxWatchdogDevice(path, null, _log);

        Assert.False(device.Pet());
        using var watchdog = FakeWatchdog.Attach(path);

        Assert.True(device.Pet());
        Assert.Equal(1, await watchdog.SyncAsync());
    }

    [Fact]
    public async Task After_StopPetting_no_pet_is_written_and_the_device_stays_open()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        using var device = new LinuxWatchdogDevice(watchdog.Path, null, _log);
        device.Pet();
        int open = OpenFiles.CountInThisProcess(watchdog.Path);

        device.StopPetting();

        Assert.False(device.Pet());
        Assert.Equal(1, await watchdog.SyncAsync());
        Assert.Equal(open, OpenFiles.CountInThisProcess(watchdog.Path));
    }

    [Fact]
    public void The_readings_of_a_device_without_watchdog_ioctls_are_empty()
    {
        using var dir = new TempDirectory();
        using var watchdog = FakeWatchdog.Create(dir);
        using var device = new LinuxWatchdogDevice(watchdog.Path, null, _log);
        WatchdogReadings closed = device.Read();
        device.Pet();

        WatchdogReadings open = device.Read();

        Assert.Same(WatchdogReadings.None, closed);
        Assert.Null(open.Identity);
        Assert.Null(open.TimeLeftSeconds);
        Assert.Null(open.BootStatus);
    }
}
