using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Medulla.Pstore;

/// <summary>Registration of the archive at start with Microsoft.Extensions.DependencyInjection.</summary>
public static class PstoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a hosted service that archives the previous boot's pstore records into
    /// <c>Medulla:Pstore:ArchiveDirectory</c> when the host starts, and holds back the pmsg handler's first
    /// write until then (<see cref="PmsgWriteGate"/>): erasing the old pmsg record clears the zone this boot
    /// writes to. Register it after the data partition and before what logs much: hosted services start in order.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddMedullaPstoreArchive();
    /// // appsettings.json: {"Medulla": {"Pstore": {"ArchiveDirectory": "/data/pstore", "KeepBoots": 10}}}
    /// </code>
    /// </example>
    public static IServiceCollection AddMedullaPstoreArchive(this IServiceCollection services, Action<PstoreArchiveOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<PstoreArchiveOptions> options = services.AddOptions<PstoreArchiveOptions>()
            .Configure<IServiceProvider>(static (o, sp) => o.BindSection(sp.GetService<IConfiguration>()?.GetSection(PstoreArchiveOptions.SectionPath)));
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PstoreArchiveOptions>, PstoreArchiveOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PstoreArchiveHostedService>());
        PmsgWriteGate.Hold();
        return services;
    }
}

/// <summary>Checks <see cref="PstoreArchiveOptions"/> at host start; the message names the key.</summary>
internal sealed class PstoreArchiveOptionsValidator : IValidateOptions<PstoreArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, PstoreArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (PstoreConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
