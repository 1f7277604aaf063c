using System.Text;

namespace Medulla.Heart;

/// <summary>One heart frame: an operation and its body (empty for most operations).</summary>
/// <param name="Op">The operation.</param>
/// <param name="Body">The bytes after the operation byte.</param>
public readonly record struct HeartFrame(HeartOp Op, ReadOnlyMemory<byte> Body)
{
    /// <summary>The body as UTF-8 text (command text, status report).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <inheritdoc />
    public override string ToString() => $"{Op} ({Body.Length} body bytes)";
}
