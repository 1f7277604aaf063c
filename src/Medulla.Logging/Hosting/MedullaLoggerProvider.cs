using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Medulla.Logging;

/// <summary>
/// The Microsoft.Extensions.Logging provider: every <see cref="ILogger"/> the host creates logs into a
/// <see cref="LogSystem"/>. Scopes become metadata, EventId and exception are kept, and structured
/// state is kept as properties with "{OriginalFormat}" as the template.
/// </summary>
[ProviderAlias("Medulla")]
public sealed class MedullaLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, CategoryLogger> _loggers = new(StringComparer.Ordinal);
    private readonly bool _ownsSystem;

    /// <summary>Creates the provider over <paramref name="system"/>.</summary>
    /// <param name="system">The logging system.</param>
    /// <param name="ownsSystem">Whether disposing the provider disposes the system.</param>
    public MedullaLoggerProvider(LogSystem system, bool ownsSystem = false)
    {
        System = system ?? throw new ArgumentNullException(nameof(system));
        _ownsSystem = ownsSystem;
    }

    /// <summary>The logging system behind the provider.</summary>
    public LogSystem System { get; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, static (c, s) => s.GetLogger(c), System);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => System.ScopeProvider = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsSystem)
        {
            System.Dispose();
        }
    }
}
