using System.Collections.Concurrent;
using Medulla.Firmware;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Runtime.Tests.Validation;

public class AssistedValidationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ManualTime _time = new();
    private readonly ConcurrentQueue<string> _events = new();

    private static FirmwareSlots Slots(string validated) => new(new KvStore(new MemoryKvBackend(new Dictionary<string, string>
    {
        [FirmwareKeys.Active] = "b",
        [FirmwareKeys.Validated] = validated,
        [FirmwareKeys.UpgradeAvailable] = validated == "1" ? "0" : "1",
        [FirmwareKeys.BootCount] = "1",
    })));

    private AssistedValidation Validation(FirmwareSlots slots, params bool[] checkResults)
    {
        var results = new Queue<bool>(checkResults);
        return new AssistedValidation(
            slots,
            _ =>
            {
                bool pass = results.Count > 0 && results.Dequeue();
                _events.Enqueue(pass ? "checks pass" : "checks fail");
                return Task.FromResult(pass);
            },
            _ =>
            {
                _events.Enqueue("heart released");
                return Task.CompletedTask;
            },
            reason =>
            {
                _events.Enqueue("reboot: " + reason);
                return Task.CompletedTask;
            },
            Timeout, Interval, _time, NullLogger.Instance);
    }

    [Fact]
    public async Task Valid_firmware_releases_the_heart_at_once_and_writes_nothing()
    {
        FirmwareSlots slots = Slots("1");
        AssistedValidation validation = Validation(slots);

        await validation.RunAsync(CancellationToken.None);

        Assert.Equal(AssistedValidationState.AlreadyValid, validation.State);
        Assert.Equal(["heart released"], _events);
        Assert.Equal("1", slots.Kv.Get(FirmwareKeys.BootCount));
    }

    [Fact]
    public async Task Unvalidated_firmware_is_validated_when_the_checks_pass_and_only_then_the_heart_released()
    {
        FirmwareSlots slots = Slots("0");
        AssistedValidation validation = Validation(slots, false, false, true);

        Task run = validation.RunAsync(CancellationToken.None);
        for (int i = 0; i < 2; i++)
        {
            await _time.WaitForTimerAsync();
            Assert.Equal(AssistedValidationState.Waiting, validation.State);
            Assert.DoesNotContain("heart released", _events);
            _time.Advance(Interval);
        }
        await run;

        Assert.Equal(AssistedValidationState.Validated, validation.State);
        Assert.Equal(["checks fail", "checks fail", "checks pass", "heart released"], _events);
        Assert.Equal(FirmwareValidation.Validated, slots.Validation);
        Assert.Equal("0", slots.Kv.Get(FirmwareKeys.UpgradeAvailable));
        Assert.Equal("0", slots.Kv.Get(FirmwareKeys.BootCount));
    }

    [Fact]
    public async Task Checks_that_never_pass_end_in_a_reboot_with_the_heart_still_held_and_nothing_validated()
    {
        FirmwareSlots slots = Slots("0");
        AssistedValidation validation = Validation(slots);

        Task run = validation.RunAsync(CancellationToken.None);
        for (int i = 0; i < 3; i++)
        {
            await _time.WaitForTimerAsync();
            _time.Advance(Interval);
        }
        await run;

        Assert.Equal(AssistedValidationState.TimedOut, validation.State);
        Assert.Equal(4, _events.Count(e => e == "checks fail"));
        string reboot = Assert.Single(_events, e => e.StartsWith("reboot: ", StringComparison.Ordinal));
        Assert.Contains("slot b not validated", reboot, StringComparison.Ordinal);
        Assert.DoesNotContain("heart released", _events);
        Assert.Equal(FirmwareValidation.Unvalidated, slots.Validation);
        Assert.Equal("1", slots.Kv.Get(FirmwareKeys.UpgradeAvailable));
    }

    [Fact]
    public async Task Stopping_while_waiting_neither_validates_nor_reboots()
    {
        FirmwareSlots slots = Slots("0");
        AssistedValidation validation = Validation(slots);
        using var stop = new CancellationTokenSource();

        Task run = validation.RunAsync(stop.Token);
        await _time.WaitForTimerAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.DoesNotContain(_events, e => e.StartsWith("reboot", StringComparison.Ordinal) || e == "heart released");
        Assert.Equal(FirmwareValidation.Unvalidated, slots.Validation);
    }

    [Fact]
    public async Task Missing_firmware_metadata_releases_the_heart_without_deciding()
    {
        var slots = new FirmwareSlots(new KvStore(new MissingConfigBackend()));
        AssistedValidation validation = Validation(slots);

        await validation.RunAsync(CancellationToken.None);

        Assert.Equal(AssistedValidationState.Failed, validation.State);
        Assert.Equal(["heart released"], _events);
    }

    /// <summary>A backend whose fw_env.config is missing, as on a workstation.</summary>
    private sealed class MissingConfigBackend : IKvBackend
    {
        public KvContents Load() => throw new FileNotFoundException("/etc/fw_env.config: no such file");

        public KvContents Commit(IReadOnlyDictionary<string, string?> changes) => Load();
    }
}
