using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Medulla.Logging;

/// <summary>Creates a <see cref="LogSystem"/> from configuration and code, with or without a host.</summary>
public static class MedullaLogging
{
    /// <summary>
    /// Creates and starts a logging system from the <see cref="MedullaLoggingOptions.SectionPath"/>
    /// section of <paramref name="configuration"/> (may be null) and the handlers in
    /// <paramref name="options"/>. Throws <see cref="LoggingConfigurationException"/> for a bad section.
    /// When the configuration reloads, the new section is applied if valid and every new or changed
    /// handler starts (its sink, e.g. its file, can be created); if not, the old settings and handlers
    /// stay in force and the error is logged.
    /// The metrics go to a meter from <paramref name="meterFactory"/> (the host's), or to the system's own.
    /// </summary>
    public static LogSystem Create(IConfiguration? configuration, MedullaLoggingOptions? options = null, TimeProvider? time = null, IMeterFactory? meterFactory = null)
    {
        options ??= new MedullaLoggingOptions();
        OptionsMonitor<LoggingSection>? monitor = configuration is null ? null : SectionMonitor(configuration.GetSection(options.SectionPath), options.ReloadOnChange);
        try
        {
            LogSystem system = Create(monitor, options, time, refuseInvalid: true, meterFactory);
            if (monitor is not null)
            {
                system.DisposeWith(monitor);
            }
            return system;
        }
        catch
        {
            monitor?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An options monitor over one section without a host: the same binding and change tracking the
    /// host's <see cref="IOptionsMonitor{TOptions}"/> gives <c>AddMedulla()</c>.
    /// </summary>
    private static OptionsMonitor<LoggingSection> SectionMonitor(IConfigurationSection section, bool reload) => new(
        new OptionsFactory<LoggingSection>([new ConfigureNamedOptions<LoggingSection>(null, o => LoggingSection.Bind(o, section))], []),
        reload ? [new ConfigurationChangeTokenSource<LoggingSection>(section)] : [],
        new OptionsCache<LoggingSection>());

    /// <summary>
    /// Creates the system from the monitored section and follows its changes. With
    /// <paramref name="refuseInvalid"/> false (the host's case, where <c>ValidateOnStart</c> stops the
    /// host with the error) a bad section leaves the code's settings and a console handler in force, so
    /// that the host's own report of the failure is still written, and the error is logged.
    /// </summary>
    internal static LogSystem Create(IOptionsMonitor<LoggingSection>? monitor, MedullaLoggingOptions options, TimeProvider? time, bool refuseInvalid, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LoggingSettings settings;
        LoggingConfigurationException? refused = null;
        try
        {
            settings = LoggingSettingsBuilder.Build(monitor?.CurrentValue ?? new LoggingSection(), options);
        }
        catch (LoggingConfigurationException ex) when (!refuseInvalid)
        {
            refused = ex;
            settings = new LoggingSettings(options.ConfigurePrimary?.Invoke(new LoggerConfig()) ?? new LoggerConfig(), []);
        }
        var system = new LogSystem(settings.Primary, time, meterFactory: meterFactory);
        try
        {
            var applier = new ConfigurationApplier(system, options);
            applier.Apply(settings);
            foreach (HandlerConfig handler in options.Handlers)
            {
                system.AddHandler(handler);
            }
            if (system.HandlerIds.Count == 0 && options.ConsoleWhenNoHandlers)
            {
                system.AddHandler(new HandlerConfig { Id = "console", Sink = () => new ConsoleSink() });
            }
            if (options.CaptureUnhandledExceptions)
            {
                system.CaptureUnhandledExceptions();
            }
            if (refused is not null)
            {
                system.GetLogger(LogSystem.SelfCategory).Log(Level.Error, $"logging configuration refused, the host will not start: {refused.Message}");
            }
            if (monitor is not null && options.ReloadOnChange && monitor.OnChange((section, name) =>
                {
                    if (name == Options.DefaultName)
                    {
                        applier.Reload(section);
                    }
                }) is { } subscription)
            {
                system.DisposeWith(subscription);
            }
            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Applies settings to a running system: added, changed and removed handlers.</summary>
    private sealed class ConfigurationApplier(LogSystem system, MedullaLoggingOptions options)
    {
        private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        internal void Apply(LoggingSettings settings)
        {
            lock (_lock)
            {
                // New sinks are created first, while the old handlers still write: if one cannot be
                // created (a file that cannot be opened), nothing has changed yet.
                Dictionary<string, LogHandler> started = StartChangedHandlers(settings);
                try
                {
                    system.Configure(_ => settings.Primary);
                    var wanted = settings.Handlers.ToDictionary(h => h.Config.Id, StringComparer.Ordinal);
                    foreach (string id in _fingerprints.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
                    {
                        system.RemoveHandler(id);
                        _fingerprints.Remove(id);
                    }
                    foreach (ConfiguredHandler handler in settings.Handlers)
                    {
                        string id = handler.Config.Id;
                        if (started.Remove(id, out LogHandler? replacement))
                        {
                            system.Install(replacement);
                            _fingerprints[id] = handler.SinkFingerprint;
                        }
                        else
                        {
                            system.UpdateHandler(id, _ => handler.Config);
                        }
                    }
                }
                catch
                {
                    // Started handlers not yet in force would keep their writer thread and file forever.
                    StopAll(started.Values);
                    throw;
                }
            }
        }

        /// <summary>Starts the handlers that are new, not running or whose sink changed; stops them all if one fails.</summary>
        private Dictionary<string, LogHandler> StartChangedHandlers(LoggingSettings settings)
        {
            var started = new Dictionary<string, LogHandler>(StringComparer.Ordinal);
            try
            {
                foreach (ConfiguredHandler handler in settings.Handlers)
                {
                    string id = handler.Config.Id;
                    // A handler that is no longer in force (its sink failed) is started again too.
                    if (!_fingerprints.TryGetValue(id, out string? old) || old != handler.SinkFingerprint || system.GetHandlerConfig(id) is null)
                    {
                        started[id] = system.StartDetached(handler.Config);
                    }
                }
                return started;
            }
            catch
            {
                StopAll(started.Values);
                throw;
            }
        }

        private static void StopAll(IEnumerable<LogHandler> handlers)
        {
            foreach (LogHandler handler in handlers)
            {
                handler.Stop();
            }
        }

        internal void Reload(LoggingSection section)
        {
            try
            {
                Apply(LoggingSettingsBuilder.Build(section, options));
            }
#pragma warning disable CA1031 // this runs in the configuration's change callback: a throw there would end the process
            catch (Exception ex)
#pragma warning restore CA1031
            {
                system.GetLogger(LogSystem.SelfCategory).Log(Level.Error, $"logging configuration reload refused, previous settings stay in force: {ex.Message}");
            }
        }
    }
}
