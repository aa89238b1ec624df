using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>A mapping being read: its keys are checked against the allowed ones (unknown keys are reported to the
/// context and skipped), and typed getters name the key path in errors.</summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, KeyValuePair<YamlScalarNode, YamlNode>> _entries = new(StringComparer.Ordinal);

    public YamlMap(YamlReadContext context, YamlMappingNode node, string path, IReadOnlyList<string> allowed)
    {
        Context = context;
        Node = node;
        Path = path;
        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } name } key)
            {
                context.Report(context.Error(entry.Key, path.Length == 0 ? null : path, "keys must be plain names."));
                continue;
            }

            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                if (!context.ListsProblems)
                {
                    context.CountUnlistedProblem();
                    continue;
                }

                // Reported, and the rest of the mapping is still read, so every unknown key of a file is listed at
                // once.
                var suggestion = KeySuggestions.Closest(name, allowed);
                var hint = suggestion is null ? string.Empty : $"; did you mean {suggestion}?";
                context.Report(context.Error(
                    key,
                    YamlReadContext.Join(path, name),
                    $"unknown key '{name}'{hint} Valid keys here: {string.Join(", ", allowed)}."));
                continue;
            }

            _entries[name] = new(key, entry.Value);
        }
    }

    public YamlReadContext Context { get; }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    /// <summary>Gets the keys present, in document order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    public string KeyPath(string key) => YamlReadContext.Join(Path, key);

    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The value, or <see langword="null"/> when the key is absent or its value is YAML null.</summary>
    public YamlNode? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && !YamlScalars.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>The value, including a YAML null; <see langword="null"/> only when the key is absent.</summary>
    public YamlNode? GetRaw(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public YamlNode Require(string key) =>
        Get(key) ?? throw Context.Error(_entries.TryGetValue(key, out var e) ? e.Value : Node, KeyPath(key),
            $"'{key}' is required.");

    public string? String(string key)
    {
        var node = Get(key);
        return node is null ? null : ScalarText(node, key, "a string");
    }

    public string RequireString(string key) => ScalarText(Require(key), key, "a string");

    public long? Long(string key)
    {
        var node = Get(key);
        return node is null ? null : LongValue(node, KeyPath(key));
    }

    public int? Int(string key)
    {
        var value = Long(key);
        if (value is null)
        {
            return null;
        }

        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value.Value
            : throw Context.Error(Get(key), KeyPath(key), $"{value} is out of range for an integer.");
    }

    public double? Double(string key)
    {
        var node = Get(key);
        return node is null ? null : DoubleValue(node, KeyPath(key));
    }

    public double RequireDouble(string key) => DoubleValue(Require(key), KeyPath(key));

    public bool? Bool(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }

        return node is YamlScalarNode s && YamlScalars.Resolve(s) is bool b
            ? b
            : throw Context.Error(node, KeyPath(key), $"expected true or false, got {YamlScalars.Describe(node)}.");
    }

    /// <summary>A map of names to scalar texts (tags, properties, environment variables).</summary>
    public EquatableMap<string> StringMap(string key)
    {
        var node = Get(key);
        if (node is null)
        {
            return EquatableMap<string>.Empty;
        }

        var path = KeyPath(key);
        var mapping = Context.Mapping(node, path);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in mapping.Children)
        {
            var name = ((YamlScalarNode)entry.Key).Value ?? string.Empty;
            var value = YamlScalars.IsNull(entry.Value) ? string.Empty
                : ScalarTextAt(entry.Value, YamlReadContext.Join(path, name), "a string");
            entries.Add(new(name, value));
        }

        return EquatableMap<string>.Create(entries);
    }

    public long LongValue(YamlNode node, string path) =>
        node is YamlScalarNode s && YamlScalars.Resolve(s) is long l
            ? l
            : throw Context.Error(node, path, $"expected an integer, got {YamlScalars.Describe(node)}.");

    public double DoubleValue(YamlNode node, string path) =>
        node is YamlScalarNode s && YamlScalars.Resolve(s) switch { long l => l, double d => d, _ => (double?)null } is
            { } value
            ? value
            : throw Context.Error(node, path, $"expected a number, got {YamlScalars.Describe(node)}.");

    private string ScalarText(YamlNode node, string key, string what) => ScalarTextAt(node, KeyPath(key), what);

    private string ScalarTextAt(YamlNode node, string path, string what) =>
        node is YamlScalarNode s
            ? s.Value ?? string.Empty
            : throw Context.Error(node, path, $"expected {what}, got {YamlScalars.Describe(node)}.");

    /// <summary>Parses a name from a fixed set (case-insensitive), or fails listing the valid ones.</summary>
    public T Choose<T>(string key, IReadOnlyList<(string Name, T Value)> choices, string what)
    {
        var node = Require(key);
        var text = ScalarText(node, key, what);
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var valid = string.Join(", ", choices.Select(c => c.Name).Distinct());
        throw Context.Error(
            node,
            KeyPath(key),
            string.Create(CultureInfo.InvariantCulture, $"unknown {what} '{text}'; valid values: {valid}."));
    }
}
