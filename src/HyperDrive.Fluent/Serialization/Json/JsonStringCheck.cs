using System.Text.Json;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>Refuses a JSON document with a NUL character (<c>\u0000</c>) in a string or a property name: no command
/// line, environment variable or file name can carry it, and the trial would silently see the text cut at the NUL; an
/// unpaired surrogate escape is refused too (it is not text, and the writers cannot encode it).</summary>
internal static class JsonStringCheck
{
    public static void ThrowIfNul(JsonElement root, string? sourcePath)
    {
        // Iterative, so that the check itself never recurses (the parser already bounds the depth at 64).
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((root, "$"));
        while (pending.Count > 0)
        {
            var (element, path) = pending.Pop();
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    ThrowIfNotText(Text(element, path, sourcePath), path, sourcePath);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        var child = path == "$" ? property.Name : path + "." + property.Name;
                        ThrowIfNotText(property.Name, path, sourcePath);

                        pending.Push((property.Value, child));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        pending.Push((item, $"{path}[{index++}]"));
                    }

                    break;
            }
        }
    }

    /// <summary>Refuses JSON text holding an unpaired surrogate (it cannot be transcoded to UTF-8 to be
    /// parsed).</summary>
    public static void ThrowIfNotText(string json, string? sourcePath)
    {
        if (!Yaml.YamlLimitingParser.HasLoneSurrogate(json))
        {
            return;
        }

        var line = 1;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == '\n')
            {
                line++;
            }
            else if (char.IsHighSurrogate(json[i]) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(json[i]))
            {
                break;
            }
        }

        throw new AzureMLFormatException(
            "the text contains an unpaired UTF-16 surrogate (half of a character), so it is not valid JSON text; " +
            "remove it.", sourcePath, line, null, null);
    }

    private static string Text(JsonElement element, string path, string? sourcePath)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // An escaped lone surrogate (\uD800) cannot become a .NET string.
            throw new AzureMLFormatException(
                $"the string is not valid Unicode ({ex.Message}); remove the broken escape.", sourcePath, null, null,
                Key(path), ex);
        }
    }

    private static void ThrowIfNotText(string text, string path, string? sourcePath)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new AzureMLFormatException(
                "the value contains a NUL character (\\u0000), which no command line or file name can carry; " +
                "remove it.",
                sourcePath,
                null,
                null,
                Key(path));
        }

        if (Yaml.YamlLimitingParser.HasLoneSurrogate(text))
        {
            throw new AzureMLFormatException(
                "the value contains an unpaired UTF-16 surrogate (\\uD800 alone is half of a character); remove it.",
                sourcePath, null, null, Key(path));
        }
    }

    private static string? Key(string path) => path == "$" ? null : path;
}
