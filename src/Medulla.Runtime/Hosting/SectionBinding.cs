using Microsoft.Extensions.Configuration;

namespace Medulla.Runtime;

/// <summary>
/// The error wrapping every runtime part's binding shares. The <c>Bind</c> call itself stays in each
/// options class: the configuration binder's source generator replaces that call site for its concrete
/// type, which a generic helper would hide from it.
/// </summary>
internal static class SectionBinding
{
    /// <summary>Runs <paramref name="bind"/> on the section (nothing when it is null); a value the binder cannot convert becomes an error naming the key.</summary>
    /// <exception cref="RuntimeConfigurationException">A value cannot be converted.</exception>
    public static void Bind(string sectionPath, IConfiguration? section, Action<IConfiguration> bind)
    {
        if (section is null)
        {
            return;
        }
        try
        {
            bind(section);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's own message names the full key ("...at 'Medulla:Power:UseHeart' to type 'System.Boolean'").
            throw new RuntimeConfigurationException($"{sectionPath}: {ex.Message}", ex);
        }
    }
}
