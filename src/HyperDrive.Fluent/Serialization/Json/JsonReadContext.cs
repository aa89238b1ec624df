using System.Globalization;
using System.Text.Json;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>Reads typed values out of a parsed document, treating <c>null</c> like a missing key, and turns every
/// problem into an <see cref="AzureMLFormatException"/> naming the file and the JSON path
/// (<c>properties.limits.timeout</c>).</summary>
internal sealed class JsonReadContext(string? sourcePath, AzureMLJsonOptions options)
{
    public string? SourcePath { get; } = sourcePath;

    public AzureMLJsonOptions Options { get; } = options;

    private readonly List<Validation.ValidationProblem> _notices = [];

    /// <summary>Gets what the read left out, each a warning naming the field: a field the service sets, or one this
    /// library does not carry.</summary>
    public IReadOnlyList<Validation.ValidationProblem> Notices => _notices;

    /// <summary>Notes a field the service populates (a GET response's <c>status</c>, the Studio endpoint) that the
    /// model leaves out.</summary>
    public void ServiceField(string path) =>
        _notices.Add(
            new(Validation.ValidationSeverity.Warning, path,
            "is set by the service and is not part of the job definition, so it is not carried.",
            "Nothing to do: the service sets it again for the job it runs."));

    /// <summary>Notes a field the model does not carry.</summary>
    public void NotCarried(string path, string what, string fix) =>
        _notices.Add(
            new(Validation.ValidationSeverity.Warning, path,
            $"{what} is not carried by HyperDrive.Fluent; a body written from this definition leaves it out.", fix));

    /// <summary>Notes every member of <paramref name="obj"/> that is set (not null, not an empty object or array) and
    /// is neither read (<paramref name="read"/>) nor a field the service populates
    /// (<paramref name="service"/>).</summary>
    public void NoteUnread(JsonElement obj, string path, IReadOnlySet<string> read,
        IReadOnlySet<string>? service = null)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in obj.EnumerateObject())
        {
            if (read.Contains(member.Name) || IsEmpty(member.Value))
            {
                continue;
            }

            var memberPath = Join(path, member.Name);
            if (service is not null && service.Contains(member.Name))
            {
                ServiceField(memberPath);
            }
            else
            {
                NotCarried(memberPath, $"'{member.Name}' ({Describe(member.Value)})",
                    "Set it on the job by hand after writing it (the Azure ML CLI or Studio), or tell us which field " +
                    "you need.");
            }
        }
    }

    /// <summary>Whether a value carries nothing: null, or an empty object or array.</summary>
    public static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.Object => value.EnumerateObject().All(m => IsEmpty(m.Value)),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    public AzureMLFormatException Fail(string path, string problem, Exception? inner = null) =>
        new(problem, SourcePath, line: null, column: null, key: path, inner);

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    public void ExpectKind(JsonElement element, JsonValueKind kind, string path, string expected)
    {
        if (element.ValueKind != kind)
        {
            throw Fail(path, $"expected {expected}, found {Describe(element)}.");
        }
    }

    /// <summary>Gets a member that is present and not null.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public JsonElement? Object(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        ExpectKind(value, JsonValueKind.Object, Join(path, name), "an object");
        return value;
    }

    public JsonElement RequireObject(JsonElement obj, string name, string path, string fix) =>
        Object(obj, name, path) ?? throw Fail(Join(path, name), $"is required. {fix}");

    public string? String(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        ExpectKind(value, JsonValueKind.String, Join(path, name), "a string");
        return value.GetString();
    }

    public string RequireString(JsonElement obj, string name, string path, string fix) =>
        String(obj, name, path) is { Length: > 0 } text ? text : throw Fail(Join(path, name), $"is required. {fix}");

    public int? Int(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw Fail(Join(path, name), $"expected an integer, found {Describe(value)}.");
    }

    public double? Double(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw Fail(Join(path, name), $"expected a number, found {Describe(value)}.");
    }

    public bool? Bool(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(Join(path, name), $"expected true or false, found {Describe(value)}."),
        };
    }

    /// <summary>Reads a string map; null values are skipped.</summary>
    public EquatableMap<string> StringMap(JsonElement obj, string name, string path, Func<string, bool>? keep = null)
    {
        if (Object(obj, name, path) is not { } map)
        {
            return EquatableMap<string>.Empty;
        }

        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Null || (keep is not null && !keep(entry.Name)))
            {
                continue;
            }

            ExpectKind(entry.Value, JsonValueKind.String, Join(Join(path, name), entry.Name), "a string");
            entries.Add(new(entry.Name, entry.Value.GetString()!));
        }

        return EquatableMap<string>.Create(entries);
    }

    /// <summary>Reads an ISO-8601 duration.</summary>
    public TimeSpan? Duration(JsonElement obj, string name, string path)
    {
        if (String(obj, name, path) is not { } text)
        {
            return null;
        }

        return IsoDuration.TryParse(text)
            ?? throw Fail(
                Join(path, name), $"'{text}' is not an ISO-8601 duration; write it like PT30M, PT1H or PT90S.");
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
