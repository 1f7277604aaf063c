using Medulla.Heart;
using Medulla.Linux;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medulla.Runtime;

/// <summary>
/// Reboots, powers off or halts the device the graceful way, every step logged:
/// <list type="number">
/// <item>the reboot argument is written for init (<see cref="PowerOptions.RebootParamPath"/>);</item>
/// <item>in a host, the host is stopped, for at most <see cref="PowerOptions.StopTimeout"/>;</item>
/// <item>a running heart is asked for a guarded command (it pets the watchdog once, stops petting and
/// signals init, so the watchdog resets a shutdown that hangs); without one, PID 1 is asked by its own
/// convention: SIGTERM, SIGUSR2 or SIGUSR1 for BusyBox init and erlinit, <c>systemctl</c> for systemd;</item>
/// <item>if the process still runs after <see cref="PowerOptions.HardTimeout"/>, reboot(2) does it at once.</item>
/// </list>
/// </summary>
/// <remarks>
/// One request runs at a time: a second one while the first is under way is logged and joins it. The
/// returned task does not complete normally on a device: init's shutdown ends the process first.
/// </remarks>
public sealed class DevicePower
{
    private readonly PowerOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _hostStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHostApplicationLifetime? _lifetime;
    private HeartHostedService? _heart;
    private Task? _request;
    private Task? _finish;
    private PowerAction _action;
    private string? _argument;

    /// <summary>Creates the power control; in a host, <c>AddMedullaPower</c> does it and connects the host and the heart.</summary>
    /// <exception cref="RuntimeConfigurationException">The options are not valid.</exception>
    public DevicePower(PowerOptions options, ILogger<DevicePower>? log = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _log = (ILogger?)log ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Whether a request is under way.</summary>
    public bool IsRequested
    {
        get
        {
            lock (_lock)
            {
                return _request is not null;
            }
        }
    }

    /// <summary>Reboots the device; <paramref name="argument"/> (optional) is the reboot argument for init.</summary>
    /// <inheritdoc cref="RequestAsync" path="/exception"/>
    public Task RebootAsync(string? argument = null) => RequestAsync(PowerAction.Reboot, argument);

    /// <summary>Powers the device off.</summary>
    /// <inheritdoc cref="RequestAsync" path="/exception"/>
    public Task PoweroffAsync(string? argument = null) => RequestAsync(PowerAction.Poweroff, argument);

    /// <summary>Halts the device.</summary>
    /// <inheritdoc cref="RequestAsync" path="/exception"/>
    public Task HaltAsync(string? argument = null) => RequestAsync(PowerAction.Halt, argument);

    /// <summary>Starts <paramref name="action"/> (see the class summary), or joins the request under way.</summary>
    /// <exception cref="IOException">The last resort, reboot(2), was refused (no CAP_SYS_BOOT).</exception>
    /// <exception cref="PowerRefusedException">The test interlock refused (MEDULLA_POWER_FORBID_PID_NS).</exception>
    public Task RequestAsync(PowerAction action, string? argument = null)
    {
        lock (_lock)
        {
            if (_request is not null)
            {
                _log.LogWarning("{Action} requested while a {Current} is under way: joining it", InitConvention.Verb(action), InitConvention.Verb(_action));
                return _request;
            }
            _action = action;
            _argument = argument;
            // Off the caller's thread: a request from a hosted service must not hold up the host's stop.
            _request = Task.Run(RunAsync);
            return _request;
        }
    }

    /// <summary>Called when the host starts: from now on a request stops the host first.</summary>
    internal void AttachHost(IHostApplicationLifetime lifetime, HeartHostedService? heart)
    {
        _lifetime = lifetime;
        _heart = heart;
    }

    /// <summary>
    /// Called when the host has stopped: a request under way goes on at once, and the caller (the host's
    /// stop) waits for its end, which keeps the process alive until init or reboot(2) ends it.
    /// </summary>
    internal Task HostStoppedAsync()
    {
        _hostStopped.TrySetResult();
        lock (_lock)
        {
            return _request is null ? Task.CompletedTask : Finish();
        }
    }

    private async Task RunAsync()
    {
        string verb = InitConvention.Verb(_action);
        _log.LogInformation("{Action} requested{Argument}", verb, string.IsNullOrEmpty(_argument) ? "" : $" with reboot argument '{_argument}'");
        WriteRebootParam();
        if (_lifetime is { } lifetime)
        {
            InitProcess init = InitProcess.ReadPidOne();
            if (_options.UseHeart && init.Kind != InitSystem.Systemd && _heart?.KeepDaemonThroughStop() == true)
            {
                _log.LogInformation("the heart keeps running through the host's stop, to guard the {Action}", verb);
            }
            TimeSpan timeout = _options.StopTimeoutValue();
            _log.LogInformation("stopping the host (up to {Timeout} s)", timeout.TotalSeconds);
            lifetime.StopApplication();
            try
            {
                await _hostStopped.Task.WaitAsync(timeout, _time).ConfigureAwait(false);
                _log.LogInformation("the host has stopped");
            }
            catch (TimeoutException)
            {
                _log.LogError("the host did not stop within {Timeout} s: going on with the {Action}", timeout.TotalSeconds, verb);
            }
        }
        Task finish;
        lock (_lock)
        {
            finish = Finish();
        }
        await finish.ConfigureAwait(false);
    }

    /// <summary>The steps after the host's stop, started once (under <see cref="_lock"/>).</summary>
    private Task Finish() => _finish ??= Task.Run(FinishAsync);

    private async Task FinishAsync()
    {
        PowerAction action = _action;
        string verb = InitConvention.Verb(action);
        SystemPower.Sync();
        InitProcess init = InitProcess.ReadPidOne();
        if (!await TryGuardedAsync(action, init).ConfigureAwait(false))
        {
            try
            {
                InitPowerRequest.Send(action, _argument, init, _options.SystemctlPath, _log);
            }
            catch (IOException ex)
            {
                _log.LogError("cannot ask init for the {Action}: {Error}", verb, ex.Message);
            }
        }
        TimeSpan hard = _options.HardTimeoutValue();
        _log.LogInformation("waiting up to {Timeout} s for init's shutdown; then reboot(2)", hard.TotalSeconds);
        await Task.Delay(hard, _time).ConfigureAwait(false);
        RebootCommand command = InitConvention.KernelCommand(action);
        _log.LogCritical("init did not finish the {Action} within {Timeout} s: calling reboot(2) {Command}", verb, hard.TotalSeconds, command);
        PowerInterlock.Check($"reboot(2) {command}");
        SystemPower.Sync();
        SystemPower.Reboot(command);
    }

    /// <summary>Asks a running heart for the guarded command, then SHUT_DOWN; false when there is none or it failed.</summary>
    private async Task<bool> TryGuardedAsync(PowerAction action, InitProcess init)
    {
        if (!_options.UseHeart || _heart?.Client is not { } client)
        {
            return false;
        }
        if (init.Kind == InitSystem.Systemd)
        {
            // The heart signals PID 1 the BusyBox way; to systemd SIGTERM means "re-execute", not "reboot".
            _log.LogInformation("PID 1 is {Init}: not asking the heart, whose guarded commands signal the BusyBox way", init);
            return false;
        }
        HeartCommand command = InitConvention.GuardedCommand(action);
        string name = HeartCommandNames.ToText(command);
        try
        {
            PowerInterlock.Check($"{name} (the heart signals PID 1)");
            _log.LogInformation("asking medulla-heart (pid {Pid}) for {Command}: it signals init and stops petting the watchdog", client.DaemonProcessId, name);
            await client.SendCommandAsync(command).ConfigureAwait(false);
            _log.LogInformation("medulla-heart acknowledged {Command}; shutting it down with the watchdog left armed", name);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await client.ShutDownAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (HeartUnavailableException ex)
        {
            _log.LogError("medulla-heart did not take {Command} ({Error}): asking init directly", name, ex.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            _log.LogWarning("medulla-heart did not exit within 5 s of SHUT_DOWN after {Command}", name);
            return true;
        }
    }

    private void WriteRebootParam()
    {
        try
        {
            RebootParam.Write(_options.RebootParamPath, _argument);
            if (!string.IsNullOrEmpty(_argument))
            {
                _log.LogInformation("wrote the reboot argument to {Path}", _options.RebootParamPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogError("cannot write the reboot argument to {Path}: {Error}", _options.RebootParamPath, ex.Message);
        }
    }
}
