using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Medulla.Logging;

/// <summary>
/// Writes the message and properties of one kind of Microsoft.Extensions.Logging state straight into an
/// event, without boxing its values. Resolved once per state type: today for the state that
/// <c>LoggerMessage.Define</c> (and so the <c>[LoggerMessage]</c> source generator, which calls it for up
/// to six parameters) passes, MEL's internal <c>LoggerMessage.LogValues&lt;T0..Tn&gt;</c> struct.
/// </summary>
/// <remarks>
/// That struct exposes its values only as <c>KeyValuePair&lt;string, object?&gt;</c>, which boxes every
/// value type on every read (the main cost of an ILogger event before this writer: 177 B per event for an
/// int, a string and a double). Its fields are a formatter reference followed by the typed values, so a
/// struct of ours with the same fields in the same order has the same layout, and the values are read
/// through it. That is only done after checking, by reflection, that the state's instance fields are
/// exactly that (a reference, then T0..Tn in order) and that neither struct has an explicit layout; any
/// other shape, a newer MEL that changed it, or a runtime without dynamic code (native AOT) gets no
/// writer and takes the general path.
/// </remarks>
internal abstract class MelStateWriter<TState>
{
    /// <summary>The writer for <typeparamref name="TState"/>, or null when the general path must be used.</summary>
    internal static readonly MelStateWriter<TState>? Instance = MelStateWriters.Create<TState>();

    /// <summary>Writes message, template and properties; false (having written nothing) when the state does not fit.</summary>
    internal abstract bool TryWrite(ref TState state, LogEvent e);
}

/// <summary>Finds the writer for a state type.</summary>
internal static class MelStateWriters
{
    private const string LogValuesName = "Microsoft.Extensions.Logging.LoggerMessage+LogValues";

    private static readonly Type[] Writers =
    [
        typeof(LogValuesWriter<>), typeof(LogValuesWriter<,>), typeof(LogValuesWriter<,,>), typeof(LogValuesWriter<,,,>),
        typeof(LogValuesWriter<,,,,>), typeof(LogValuesWriter<,,,,,>), typeof(LogValuesWriter<,,,,,,>),
    ];

    private static readonly Type[] Mirrors =
    [
        typeof(LogValuesMirror), typeof(LogValuesMirror<>), typeof(LogValuesMirror<,>), typeof(LogValuesMirror<,,>),
        typeof(LogValuesMirror<,,,>), typeof(LogValuesMirror<,,,,>), typeof(LogValuesMirror<,,,,,>),
    ];

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only reads the fields of a type that is in use; if trimming removed their metadata the shape check fails and the general path is taken.")]
    [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "The writer types have no annotated generic parameters.")]
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "The writer types have no annotated generic parameters.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Fields of a type in use; a missing one makes the shape check fail (general path).")]
    [UnconditionalSuppressMessage("Trimming", "IL2062", Justification = "The writers' constructors are kept by DynamicDependency.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The writers' constructors are kept by DynamicDependency.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Fields of a type in use; a missing one makes the shape check fail (general path).")]
    [UnconditionalSuppressMessage("Trimming", "IL2077", Justification = "The writers' constructors are kept by DynamicDependency.")]
    [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "Fields of a type in use; a missing one makes the shape check fail (general path).")]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<,,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<,,,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<,,,,,>))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.NonPublicConstructors, typeof(LogValuesWriter<,,,,,,>))]
    internal static MelStateWriter<TState>? Create<TState>()
    {
        Type state = typeof(TState);
        if (!RuntimeFeature.IsDynamicCodeSupported || !state.IsValueType ||
            !typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(state) ||
            state.Assembly != typeof(Microsoft.Extensions.Logging.LoggerMessage).Assembly)
        {
            return null;
        }
        try
        {
            Type[] values = state.IsGenericType ? state.GetGenericArguments() : [];
            string expectedName = values.Length == 0 ? LogValuesName : LogValuesName + "`" + values.Length;
            Type definition = state.IsGenericType ? state.GetGenericTypeDefinition() : state;
            if (definition.FullName != expectedName || values.Length >= Mirrors.Length)
            {
                return null;
            }
            Type mirror = values.Length == 0 ? Mirrors[0] : Mirrors[values.Length].MakeGenericType(values);
            if (!SameShape(state, mirror, values))
            {
                return null;
            }
            Type writer = Writers[values.Length].MakeGenericType([state, .. values]);
            return (MelStateWriter<TState>?)Activator.CreateInstance(writer, nonPublic: true);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException or MissingMethodException or TypeLoadException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="state"/> is a reference followed by <paramref name="values"/>, like <paramref name="mirror"/>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A field missing from metadata makes the check fail (general path).")]
    private static bool SameShape(Type state, Type mirror, Type[] values)
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        FieldInfo[] fields = state.GetFields(Instance);
        FieldInfo[] ours = mirror.GetFields(Instance);
        if (fields.Length != values.Length + 1 || ours.Length != fields.Length ||
            state.IsExplicitLayout || mirror.IsExplicitLayout ||
            state.StructLayoutAttribute?.Value != mirror.StructLayoutAttribute?.Value)
        {
            return false;
        }
        // GetFields returns declaration order; compare by metadata token order to be sure of it.
        Array.Sort(fields, static (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
        if (fields[0].FieldType.IsValueType)
        {
            return false;
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (fields[i + 1].FieldType != values[i])
            {
                return false;
            }
        }
        return Unsafe_SizeOf(state) == Unsafe_SizeOf(mirror);
    }

    // Size of a value type as the runtime lays it out (the boxed payload); equal sizes are one more
    // guard that the two structs are laid out alike.
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Only value types that are in use.")]
    private static int Unsafe_SizeOf(Type valueType) => RuntimeHelpers.SizeOf(valueType.TypeHandle);
}

// The mirrors: a reference (MEL's LogValuesFormatter, never read here) then the values, as MEL declares
// them. The fields are only ever read through Unsafe.As over MEL's struct, never assigned.
#pragma warning disable CS0649, CA1823, IDE0051, IDE0044

/// <summary>Layout twin of MEL's LogValues (no values).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror
{
    private readonly object? _formatter;
}

/// <summary>Layout twin of MEL's LogValues with 1 value(s).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror<T0>
{
    private readonly object? _formatter;
    internal readonly T0 Value0;
}

/// <summary>Layout twin of MEL's LogValues with 2 value(s).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror<T0,T1>
{
    private readonly object? _formatter;
    internal readonly T0 Value0;
    internal readonly T1 Value1;
}

/// <summary>Layout twin of MEL's LogValues with 3 value(s).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror<T0,T1,T2>
{
    private readonly object? _formatter;
    internal readonly T0 Value0;
    internal readonly T1 Value1;
    internal readonly T2 Value2;
}

/// <summary>Layout twin of MEL's LogValues with 4 value(s).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror<T0,T1,T2,T3>
{
    private readonly object? _formatter;
    internal readonly T0 Value0;
    internal readonly T1 Value1;
    internal readonly T2 Value2;
    internal readonly T3 Value3;
}

/// <summary>Layout twin of MEL's LogValues with 5 value(s).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror<T0,T1,T2,T3,T4>
{
    private readonly object? _formatter;
    internal readonly T0 Value0;
    internal readonly T1 Value1;
    internal readonly T2 Value2;
    internal readonly T3 Value3;
    internal readonly T4 Value4;
}

/// <summary>Layout twin of MEL's LogValues with 6 value(s).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct LogValuesMirror<T0,T1,T2,T3,T4,T5>
{
    private readonly object? _formatter;
    internal readonly T0 Value0;
    internal readonly T1 Value1;
    internal readonly T2 Value2;
    internal readonly T3 Value3;
    internal readonly T4 Value4;
    internal readonly T5 Value5;
}
#pragma warning restore CS0649, CA1823, IDE0051, IDE0044

/// <summary>Writes MEL's LogValues with 0 value(s).</summary>
internal sealed class LogValuesWriter<TState> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[0].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 0)
        {
            return false;
        }
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        // MEL writes a template without values as it is, "{{" included.
        t.WriteVerbatim(buffer);
        return true;
    }
}

/// <summary>Writes MEL's LogValues with 1 value(s).</summary>
internal sealed class LogValuesWriter<TState, T0> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[1].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 1)
        {
            return false;
        }
        ref LogValuesMirror<T0> v = ref Unsafe.As<TState, LogValuesMirror<T0>>(ref state);
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        t.WriteLiteral(buffer, 0);
        t.WriteHole(e, 0, v.Value0);
        t.WriteLiteral(buffer, 1);
        return true;
    }
}

/// <summary>Writes MEL's LogValues with 2 value(s).</summary>
internal sealed class LogValuesWriter<TState, T0, T1> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[2].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 2)
        {
            return false;
        }
        ref LogValuesMirror<T0, T1> v = ref Unsafe.As<TState, LogValuesMirror<T0, T1>>(ref state);
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        t.WriteLiteral(buffer, 0);
        t.WriteHole(e, 0, v.Value0);
        t.WriteLiteral(buffer, 1);
        t.WriteHole(e, 1, v.Value1);
        t.WriteLiteral(buffer, 2);
        return true;
    }
}

/// <summary>Writes MEL's LogValues with 3 value(s).</summary>
internal sealed class LogValuesWriter<TState, T0, T1, T2> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[3].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 3)
        {
            return false;
        }
        ref LogValuesMirror<T0, T1, T2> v = ref Unsafe.As<TState, LogValuesMirror<T0, T1, T2>>(ref state);
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        t.WriteLiteral(buffer, 0);
        t.WriteHole(e, 0, v.Value0);
        t.WriteLiteral(buffer, 1);
        t.WriteHole(e, 1, v.Value1);
        t.WriteLiteral(buffer, 2);
        t.WriteHole(e, 2, v.Value2);
        t.WriteLiteral(buffer, 3);
        return true;
    }
}

/// <summary>Writes MEL's LogValues with 4 value(s).</summary>
internal sealed class LogValuesWriter<TState, T0, T1, T2, T3> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[4].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 4)
        {
            return false;
        }
        ref LogValuesMirror<T0, T1, T2, T3> v = ref Unsafe.As<TState, LogValuesMirror<T0, T1, T2, T3>>(ref state);
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        t.WriteLiteral(buffer, 0);
        t.WriteHole(e, 0, v.Value0);
        t.WriteLiteral(buffer, 1);
        t.WriteHole(e, 1, v.Value1);
        t.WriteLiteral(buffer, 2);
        t.WriteHole(e, 2, v.Value2);
        t.WriteLiteral(buffer, 3);
        t.WriteHole(e, 3, v.Value3);
        t.WriteLiteral(buffer, 4);
        return true;
    }
}

/// <summary>Writes MEL's LogValues with 5 value(s).</summary>
internal sealed class LogValuesWriter<TState, T0, T1, T2, T3, T4> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[5].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 5)
        {
            return false;
        }
        ref LogValuesMirror<T0, T1, T2, T3, T4> v = ref Unsafe.As<TState, LogValuesMirror<T0, T1, T2, T3, T4>>(ref state);
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        t.WriteLiteral(buffer, 0);
        t.WriteHole(e, 0, v.Value0);
        t.WriteLiteral(buffer, 1);
        t.WriteHole(e, 1, v.Value1);
        t.WriteLiteral(buffer, 2);
        t.WriteHole(e, 2, v.Value2);
        t.WriteLiteral(buffer, 3);
        t.WriteHole(e, 3, v.Value3);
        t.WriteLiteral(buffer, 4);
        t.WriteHole(e, 4, v.Value4);
        t.WriteLiteral(buffer, 5);
        return true;
    }
}

/// <summary>Writes MEL's LogValues with 6 value(s).</summary>
internal sealed class LogValuesWriter<TState, T0, T1, T2, T3, T4, T5> : MelStateWriter<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    internal override bool TryWrite(ref TState state, LogEvent e)
    {
        // The last entry is ("{OriginalFormat}", template): a string, so reading it does not box.
        if (state[6].Value is not string template)
        {
            return false;
        }
        MelMessageTemplate t = MelMessageTemplate.For(template);
        if (t.HoleCount != 6)
        {
            return false;
        }
        ref LogValuesMirror<T0, T1, T2, T3, T4, T5> v = ref Unsafe.As<TState, LogValuesMirror<T0, T1, T2, T3, T4, T5>>(ref state);
        Utf8Buffer buffer = e.MessageBuffer;
        e.Template = template;
        t.WriteLiteral(buffer, 0);
        t.WriteHole(e, 0, v.Value0);
        t.WriteLiteral(buffer, 1);
        t.WriteHole(e, 1, v.Value1);
        t.WriteLiteral(buffer, 2);
        t.WriteHole(e, 2, v.Value2);
        t.WriteLiteral(buffer, 3);
        t.WriteHole(e, 3, v.Value3);
        t.WriteLiteral(buffer, 4);
        t.WriteHole(e, 4, v.Value4);
        t.WriteLiteral(buffer, 5);
        t.WriteHole(e, 5, v.Value5);
        t.WriteLiteral(buffer, 6);
        return true;
    }
}
