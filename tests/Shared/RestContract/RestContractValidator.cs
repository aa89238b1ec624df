using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;

namespace HyperDrive.Fluent.Testing.Contract;

/// <summary>
/// Validates JSON bodies against the Azure ML swagger definitions (<c>sweepjob-definitions.json</c>): required
/// properties, property names known to the definition (following <c>allOf</c> inheritance and choosing the
/// discriminator subtype by <c>x-ms-discriminator-value</c>), enum values, JSON types, <c>pattern</c>,
/// <c>minLength</c>, formats (<c>int32</c>, <c>duration</c>, <c>uuid</c>), <c>x-nullable</c>, and read-only
/// properties in requests. Every violation is reported with its JSON path. Self-contained (System.Text.Json only) so
/// that any test project can link this file.
/// </summary>
public sealed class RestContractValidator
{
    private const string LocalRefPrefix = "#/definitions/";

    private readonly Dictionary<string, JsonElement> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _extraProperties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private RestContractValidator(JsonDocument document)
    {
        var root = document.RootElement;
        foreach (var section in new[] { "definitions", "commonTypesDefinitions" })
        {
            if (!root.TryGetProperty(section, out var definitions))
            {
                continue;
            }

            // The common types file nests its own "definitions".
            if (definitions.TryGetProperty("definitions", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                definitions = nested;
            }

            foreach (var definition in definitions.EnumerateObject())
            {
                if (definition.Value.ValueKind == JsonValueKind.Object)
                {
                    _definitions.TryAdd(definition.Name, definition.Value.Clone());
                }
            }
        }

        if (_definitions.Count == 0)
        {
            throw new ArgumentException("The document has no swagger definitions.", nameof(document));
        }
    }

    /// <summary>Gets whether read-only properties (<c>status</c>, <c>id</c>, <c>systemData</c>...) are violations:
    /// <see langword="true"/> for request bodies, <see langword="false"/> to check a service response.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IsRequest { get; set; } = true;

    /// <summary>Gets whether values outside an enum marked <c>x-ms-enum.modelAsString</c> are accepted (the service
    /// treats such enums as extensible strings).</summary>
    /// <value>The default value is <see langword="false"/>: every enum is checked strictly.</value>
    public bool LenientExtensibleEnums { get; set; }

    /// <summary>Gets the names of all definitions.</summary>
    public IReadOnlyCollection<string> DefinitionNames => _definitions.Keys;

    /// <summary>Loads the definitions file.</summary>
    /// <param name="path">The path of <c>sweepjob-definitions.json</c>.</param>
    /// <returns>The validator.</returns>
    public static RestContractValidator Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new RestContractValidator(document);
    }

    /// <summary>Creates a validator from the definitions file's text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The validator.</returns>
    public static RestContractValidator Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new RestContractValidator(document);
    }

    /// <summary>Accepts extra property names on a definition, for fields that newer api-versions added
    /// (e.g. <c>AssetJobOutput</c>: <c>assetName</c>, <c>assetVersion</c>).</summary>
    /// <param name="definition">The definition that declares them.</param>
    /// <param name="propertyNames">The names.</param>
    /// <returns>This validator.</returns>
    public RestContractValidator AllowProperties(string definition, params string[] propertyNames)
    {
        if (!_definitions.ContainsKey(definition))
        {
            throw new ArgumentException($"Unknown definition '{definition}'.", nameof(definition));
        }

        if (!_extraProperties.TryGetValue(definition, out var names))
        {
            _extraProperties[definition] = names = new HashSet<string>(StringComparer.Ordinal);
        }

        names.UnionWith(propertyNames);
        return this;
    }

    /// <summary>Validates a JSON text against a definition.</summary>
    /// <param name="json">The body.</param>
    /// <param name="definition">The definition; a job PUT body is a <c>JobBaseResource</c>.</param>
    /// <returns>Every violation; empty when the body is valid.</returns>
    public IReadOnlyList<RestContractViolation> Validate(string json, string definition = "JobBaseResource")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [new RestContractViolation(e.Path ?? "$", "not valid JSON: " + e.Message)];
        }

        using (document)
        {
            return Validate(document.RootElement, definition);
        }
    }

    /// <summary>Validates a JSON element against a definition.</summary>
    /// <param name="body">The body.</param>
    /// <param name="definition">The definition.</param>
    /// <returns>Every violation; empty when the body is valid.</returns>
    public IReadOnlyList<RestContractViolation> Validate(JsonElement body, string definition = "JobBaseResource")
    {
        if (!_definitions.ContainsKey(definition))
        {
            throw new ArgumentException($"Unknown definition '{definition}'.", nameof(definition));
        }

        var violations = new List<RestContractViolation>();
        ValidateDefinition(body, definition, "$", violations);
        return violations;
    }

    private void ValidateSchema(JsonElement value, JsonElement schema, string path, List<RestContractViolation> violations)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!IsNullable(schema))
            {
                violations.Add(new(path, "null is not allowed here (the property is not x-nullable); leave it out instead."));
            }

            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            ValidateDefinition(value, RefName(reference.GetString()!), path, violations);
            return;
        }

        ValidateInline(value, schema, path, violations, definitionName: null);
    }

    private void ValidateDefinition(JsonElement value, string name, string path, List<RestContractViolation> violations)
    {
        if (!_definitions.TryGetValue(name, out var definition))
        {
            violations.Add(new(path, $"the contract refers to an unknown definition '{name}'."));
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!IsNullable(definition))
            {
                violations.Add(new(path, $"null is not allowed for {name}."));
            }

            return;
        }

        if (!IsObjectDefinition(definition))
        {
            ValidateInline(value, definition, path, violations, name);
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new(path, $"expected an object ({name}), found {Kind(value)}."));
            return;
        }

        // Polymorphism: pick the subtype named by the discriminator.
        if (FindDiscriminator(name) is { } discriminator)
        {
            if (!value.TryGetProperty(discriminator, out var tag) || tag.ValueKind != JsonValueKind.String)
            {
                violations.Add(new(path, $"the discriminator '{discriminator}' of {name} is required (a string)."));
                return;
            }

            var tagValue = tag.GetString()!;
            var own = DiscriminatorValue(name);
            if (own is null || !string.Equals(own, tagValue, StringComparison.Ordinal))
            {
                var subtype = Subtypes(name).FirstOrDefault(s => string.Equals(DiscriminatorValue(s), tagValue, StringComparison.Ordinal));
                if (subtype is null)
                {
                    var known = Subtypes(name).Select(DiscriminatorValue).Where(v => v is not null).Select(v => $"'{v}'");
                    violations.Add(new($"{path}.{discriminator}", $"'{tagValue}' is not a known {discriminator} of {name}; expected one of {string.Join(", ", known)}."));
                    return;
                }

                name = subtype;
            }
        }

        var properties = new Dictionary<string, (JsonElement Schema, string Owner)>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        JsonElement? additional = null;
        var allowsAny = false;
        Collect(name, properties, required, ref additional, ref allowsAny, new HashSet<string>(StringComparer.Ordinal));

        foreach (var requiredName in required)
        {
            if (!value.TryGetProperty(requiredName, out var present) || present.ValueKind == JsonValueKind.Null)
            {
                violations.Add(new($"{path}.{requiredName}", $"is required by {name}."));
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = $"{path}.{property.Name}";
            if (properties.TryGetValue(property.Name, out var declared))
            {
                if (IsRequest && declared.Schema.TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True)
                {
                    violations.Add(new(propertyPath, $"is read-only in {declared.Owner}; a request must not send it."));
                }

                ValidateSchema(property.Value, declared.Schema, propertyPath, violations);
            }
            else if (additional is { } additionalSchema)
            {
                ValidateSchema(property.Value, additionalSchema, propertyPath, violations);
            }
            else if (!allowsAny && !IsAllowedExtra(name, property.Name))
            {
                var known = properties.Keys.OrderBy(k => k, StringComparer.Ordinal);
                violations.Add(new(propertyPath, $"is not a property of {name}; known properties: {string.Join(", ", known)}."));
            }
        }
    }

    private void ValidateInline(JsonElement value, JsonElement schema, string path, List<RestContractViolation> violations, string? definitionName)
    {
        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var label = definitionName is null ? string.Empty : $" ({definitionName})";
        switch (type)
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String)
                {
                    violations.Add(new(path, $"expected a string{label}, found {Kind(value)}."));
                    return;
                }

                CheckString(value.GetString()!, schema, path, violations, definitionName);
                return;
            case "integer":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var integer) || value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0)
                {
                    violations.Add(new(path, $"expected an integer{label}, found {Kind(value)}."));
                    return;
                }

                if (Format(schema) == "int32" && (integer < int.MinValue || integer > int.MaxValue))
                {
                    violations.Add(new(path, $"{integer} is out of the int32 range."));
                }

                return;
            case "number":
                if (value.ValueKind != JsonValueKind.Number)
                {
                    violations.Add(new(path, $"expected a number{label}, found {Kind(value)}."));
                }

                return;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    violations.Add(new(path, $"expected true or false{label}, found {Kind(value)}."));
                }

                return;
            case "array":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    violations.Add(new(path, $"expected an array{label}, found {Kind(value)}."));
                    return;
                }

                if (schema.TryGetProperty("items", out var items))
                {
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        ValidateSchema(item, items, $"{path}[{index++}]", violations);
                    }
                }

                return;
            case "object":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    violations.Add(new(path, $"expected an object{label}, found {Kind(value)}."));
                    return;
                }

                if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        ValidateSchema(property.Value, additional, $"{path}.{property.Name}", violations);
                    }
                }

                // A free-form object (searchSpace, settings, jobs nodes): any members.
                return;
            default:
                if (schema.TryGetProperty("enum", out _) && value.ValueKind == JsonValueKind.String)
                {
                    CheckString(value.GetString()!, schema, path, violations, definitionName);
                }

                return;
        }
    }

    private void CheckString(string text, JsonElement schema, string path, List<RestContractViolation> violations, string? definitionName)
    {
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var allowed = values.EnumerateArray().Select(v => v.GetString()).ToList();
            var extensible = schema.TryGetProperty("x-ms-enum", out var xmsEnum) && xmsEnum.TryGetProperty("modelAsString", out var asString) && asString.ValueKind == JsonValueKind.True;
            if (!allowed.Contains(text, StringComparer.Ordinal) && !(extensible && LenientExtensibleEnums))
            {
                violations.Add(new(path, $"'{text}' is not a value of {definitionName ?? "the enum"}; expected one of {string.Join(", ", allowed.Select(a => $"'{a}'"))} (exact case)."));
            }
        }

        if (schema.TryGetProperty("minLength", out var minLength) && minLength.TryGetInt32(out var min) && text.Length < min)
        {
            violations.Add(new(path, $"must be at least {min} character(s) long."));
        }

        if (schema.TryGetProperty("pattern", out var pattern) && pattern.GetString() is { } regex && !Pattern(regex).IsMatch(text))
        {
            violations.Add(new(path, $"'{text}' does not match the pattern {regex}."));
        }

        switch (Format(schema))
        {
            case "duration" when !IsDuration(text):
                violations.Add(new(path, $"'{text}' is not an ISO-8601 duration (e.g. PT5M, PT1H, PT30S)."));
                break;
            case "uuid" when !Guid.TryParse(text, out _):
                violations.Add(new(path, $"'{text}' is not a UUID."));
                break;
        }
    }

    private void Collect(
        string name,
        Dictionary<string, (JsonElement Schema, string Owner)> properties,
        HashSet<string> required,
        ref JsonElement? additional,
        ref bool allowsAny,
        HashSet<string> visited)
    {
        if (!visited.Add(name) || !_definitions.TryGetValue(name, out var definition))
        {
            return;
        }

        if (definition.TryGetProperty("allOf", out var allOf))
        {
            foreach (var parent in allOf.EnumerateArray())
            {
                if (parent.TryGetProperty("$ref", out var reference))
                {
                    Collect(RefName(reference.GetString()!), properties, required, ref additional, ref allowsAny, visited);
                }
            }
        }

        if (definition.TryGetProperty("properties", out var own))
        {
            foreach (var property in own.EnumerateObject())
            {
                properties[property.Name] = (property.Value, name);
            }
        }

        if (definition.TryGetProperty("required", out var requiredNames))
        {
            foreach (var requiredName in requiredNames.EnumerateArray())
            {
                required.Add(requiredName.GetString()!);
            }
        }

        if (definition.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
        {
            additional = extra;
        }

        if (visited.Count == 1 && !definition.TryGetProperty("properties", out _) && !definition.TryGetProperty("allOf", out _)
            && !definition.TryGetProperty("additionalProperties", out _))
        {
            allowsAny = true;
        }
    }

    private bool IsAllowedExtra(string name, string property)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var current))
        {
            if (!visited.Add(current))
            {
                continue;
            }

            if (_extraProperties.TryGetValue(current, out var extra) && extra.Contains(property))
            {
                return true;
            }

            foreach (var parent in Parents(current))
            {
                pending.Push(parent);
            }
        }

        return false;
    }

    private string? FindDiscriminator(string name)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([name]);
        while (pending.TryDequeue(out var current))
        {
            if (!visited.Add(current) || !_definitions.TryGetValue(current, out var definition))
            {
                continue;
            }

            if (definition.TryGetProperty("discriminator", out var discriminator) && discriminator.ValueKind == JsonValueKind.String)
            {
                return discriminator.GetString();
            }

            foreach (var parent in Parents(current))
            {
                pending.Enqueue(parent);
            }
        }

        return null;
    }

    private IEnumerable<string> Subtypes(string baseName) =>
        _definitions.Keys.Where(candidate => candidate != baseName && DiscriminatorValue(candidate) is not null && InheritsFrom(candidate, baseName))
            .OrderBy(n => n, StringComparer.Ordinal);

    private bool InheritsFrom(string name, string ancestor)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Parents(name));
        while (pending.TryPop(out var current))
        {
            if (current == ancestor)
            {
                return true;
            }

            if (visited.Add(current))
            {
                foreach (var parent in Parents(current))
                {
                    pending.Push(parent);
                }
            }
        }

        return false;
    }

    private IEnumerable<string> Parents(string name)
    {
        if (_definitions.TryGetValue(name, out var definition) && definition.TryGetProperty("allOf", out var allOf))
        {
            foreach (var parent in allOf.EnumerateArray())
            {
                if (parent.TryGetProperty("$ref", out var reference))
                {
                    yield return RefName(reference.GetString()!);
                }
            }
        }
    }

    private string? DiscriminatorValue(string name) =>
        _definitions.TryGetValue(name, out var definition) && definition.TryGetProperty("x-ms-discriminator-value", out var value)
            ? value.GetString()
            : null;

    private static bool IsObjectDefinition(JsonElement definition) =>
        definition.TryGetProperty("properties", out _) || definition.TryGetProperty("allOf", out _) || definition.TryGetProperty("discriminator", out _);

    private static bool IsNullable(JsonElement schema) =>
        schema.TryGetProperty("x-nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True;

    private static string? Format(JsonElement schema) =>
        schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    private static string RefName(string reference)
    {
        var index = reference.IndexOf(LocalRefPrefix, StringComparison.Ordinal);
        return index >= 0 ? reference[(index + LocalRefPrefix.Length)..] : reference;
    }

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            _patterns[pattern] = regex = new Regex(pattern, RegexOptions.CultureInvariant);
        }

        return regex;
    }

    private static bool IsDuration(string text)
    {
        if (!text.StartsWith('P'))
        {
            return false;
        }

        try
        {
            XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText().ToString(CultureInfo.InvariantCulture)}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
