using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Medulla.Cli.Output;

/// <summary>One JSON object on one line, as the <c>--json</c> options print them.</summary>
internal static class JsonLine
{
    // The lines are read by scripts, not put in a web page: escaping '<' or non-ASCII text would only get in the way.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The object <paramref name="members"/> writes, followed by a line feed.</summary>
    internal static string Object(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
