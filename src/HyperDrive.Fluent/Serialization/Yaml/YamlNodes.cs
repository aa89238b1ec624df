using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>Builds the nodes the writers emit: typed scalars (quoted only when a YAML 1.1 or 1.2 reader would read
/// another type), and mappings that leave out absent values.</summary>
internal static class YamlNodes
{
    /// <summary>A mapping of names to scalar texts (tags, properties, environment variables); <see langword="null"/>
    /// when empty.</summary>
    public static YamlMappingNode? StringMap(EquatableMap<string> values) => Map(values, Text);

    /// <summary>A mapping of each entry's name to its node, in the map's order; <see langword="null"/> (the key is left
    /// out) when there are none.</summary>
    public static YamlMappingNode? Map<T>(EquatableMap<T> values, Func<T, YamlNode> node)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var map = new YamlMappingNode();
        foreach (var (name, value) in values)
        {
            map.Add(name, node(value));
        }

        return map;
    }

    public static void Add(YamlMappingNode map, string key, string? value)
    {
        if (value is not null)
        {
            map.Add(key, Text(value));
        }
    }

    public static void Add(YamlMappingNode map, string key, YamlNode? value)
    {
        if (value is not null)
        {
            map.Add(key, value);
        }
    }

    public static void Add(YamlMappingNode map, string key, long? value)
    {
        if (value is { } v)
        {
            map.Add(key, Long(v));
        }
    }

    public static void Add(YamlMappingNode map, string key, bool? value)
    {
        if (value is { } v)
        {
            map.Add(key, Bool(v));
        }
    }

    public static YamlScalarNode Text(string value) =>
        new(value) { Style = YamlScalars.NeedsQuotes(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };

    public static YamlScalarNode Long(long value) => new(YamlScalars.FormatLong(value)) { Style = ScalarStyle.Plain };

    public static YamlScalarNode Double(double value) => new(YamlScalars.FormatDouble(value))
        { Style = ScalarStyle.Plain };

    public static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    /// <summary>A literal: string, integer, real or boolean.</summary>
    public static YamlScalarNode Value(object value) => value switch
    {
        string s => Text(s),
        long l => Long(l),
        int i => Long(i),
        double d => Double(d),
        bool b => Bool(b),
        _ => throw new ArgumentException(
            $"Unsupported literal of type {value.GetType().Name}; use a string, integer, real or boolean.",
            nameof(value)),
    };
}
