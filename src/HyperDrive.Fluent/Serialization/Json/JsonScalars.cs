using System.Text.Json;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>The scalar values every JSON file of the library writes the same way: a <see cref="string"/> as a JSON
/// string, a <see cref="bool"/> as <c>true</c>/<c>false</c>, a <see cref="long"/> as an integer. Reals are the
/// caller's: the REST body writes them through <see cref="JsonNumbers.WriteReal(Utf8JsonWriter, double)"/> and rejects
/// NaN and infinities, while the local run files keep those as strings.</summary>
internal static class JsonScalars
{
    /// <summary>Writes <paramref name="value"/> when it is a string, boolean or <see cref="long"/>.</summary>
    /// <returns><see langword="true"/> when written; <see langword="false"/> (nothing written) for any other
    /// value.</returns>
    public static bool TryWrite(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteStringValue(s);
                return true;
            case bool b:
                writer.WriteBooleanValue(b);
                return true;
            case long l:
                writer.WriteNumberValue(l);
                return true;
            default:
                return false;
        }
    }
}
