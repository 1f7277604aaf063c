using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Medulla.Linux;

/// <summary>
/// One set of a package's instruments per meter: the process-wide meter when there is no host, the
/// host's <see cref="IMeterFactory"/> meter when there is one. A factory returns the same meter for the
/// same name, so every component of one host shares one set, and parallel hosts (tests) see only their own.
/// Shared by our packages because creating the instruments twice on one meter would report them twice.
/// </summary>
/// <typeparam name="TInstruments">The package's class holding its instruments.</typeparam>
// The annotation only repeats what ConditionalWeakTable and Lazy declare; nothing here creates a
// TInstruments through its parameterless constructor.
internal sealed class InstrumentsPerMeter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TInstruments>
    where TInstruments : class
{
    private readonly string _meterName;
    private readonly ConditionalWeakTable<Meter, TInstruments>.CreateValueCallback _create;
    private readonly Lazy<TInstruments> _shared;
    private readonly ConditionalWeakTable<Meter, TInstruments> _byMeter = new();

    /// <param name="meterName">The package's meter name.</param>
    /// <param name="create">Creates the instruments on a meter.</param>
    internal InstrumentsPerMeter(string meterName, Func<Meter, TInstruments> create)
    {
        _meterName = meterName;
        _create = meter => create(meter);
        _shared = new Lazy<TInstruments>(() => create(new Meter(meterName)));
    }

    /// <summary>The instruments of the factory's meter, or of the process-wide meter when there is no factory.</summary>
    internal TInstruments For(IMeterFactory? factory) =>
        factory is null ? _shared.Value : _byMeter.GetValue(factory.Create(_meterName), _create);
}
