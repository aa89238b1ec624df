using HyperDrive.Fluent.SearchSpaces;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// The sweep's <c>search_space</c>: a mapping of parameter names to distribution expressions
/// (<c>{type: uniform, min_value: 0.01, max_value: 0.9}</c>); choice values may be mappings whose members are
/// distributions themselves (CLI v2 sweep job schema, <c>search_space</c>).
/// </summary>
internal static class YamlSearchSpace
{
    private static readonly string[] ChoiceKeys = ["type", "values"];
    private static readonly string[] RandIntKeys = ["type", "upper"];
    private static readonly string[] BoundsKeys = ["type", "min_value", "max_value"];
    private static readonly string[] QBoundsKeys = ["type", "min_value", "max_value", "q"];
    private static readonly string[] MuSigmaKeys = ["type", "mu", "sigma"];
    private static readonly string[] QMuSigmaKeys = ["type", "mu", "sigma", "q"];

    public static EquatableMap<Distribution> Read(YamlReadContext context, YamlNode node, string path) =>
        EquatableMap<Distribution>.Create(
            context.Entries(node, path, (entry, entryPath) => ReadDistribution(context, entry, entryPath)));

    public static YamlMappingNode Write(EquatableMap<Distribution> space) => Map(space, WriteDistribution)
        ?? new YamlMappingNode();

    private static Distribution ReadDistribution(YamlReadContext context, YamlNode node, string path)
    {
        var mapping = context.Mapping(node, path);
        var kind = context.PeekType(mapping, path, YamlNames.Distributions, "distribution type", "valid types");
        var keys = kind switch
        {
            DistributionKind.Choice => ChoiceKeys,
            DistributionKind.RandInt => RandIntKeys,
            DistributionKind.Uniform or DistributionKind.LogUniform => BoundsKeys,
            DistributionKind.QUniform or DistributionKind.QLogUniform => QBoundsKeys,
            DistributionKind.Normal or DistributionKind.LogNormal => MuSigmaKeys,
            _ => QMuSigmaKeys,
        };
        var map = context.Map(mapping, path, keys);
        try
        {
            return kind == DistributionKind.Choice
                ? ReadChoice(context, map)
                : DistributionArguments.Create(kind, name =>
                    map.LongValue(map.Require(name), map.KeyPath(name)), map.RequireDouble);
        }
        catch (ArgumentException ex)
        {
            throw context.Error(mapping, path, ex.Message, ex);
        }
    }

    private static ChoiceDistribution ReadChoice(YamlReadContext context, YamlMap map)
    {
        var path = map.KeyPath("values");
        var sequence = context.Sequence(map.Require("values"), path);
        if (sequence.Children.Count == 0)
        {
            throw context.Error(sequence, path, "a choice needs at least one value.");
        }

        var values = new List<object>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            values.Add(ReadChoiceValue(context, sequence.Children[i], $"{path}[{i}]"));
        }

        return new ChoiceDistribution(values);
    }

    private static object ReadChoiceValue(YamlReadContext context, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode s when YamlScalars.Resolve(s) is { } value:
                return value is double d && !double.IsFinite(d)
                    ? throw context.Error(node, path, "choice values must be finite numbers.")
                    : value;
            case YamlMappingNode mapping:
                return new ChoiceObject(context.Entries(mapping, path, (member, memberPath) => member is YamlMappingNode
                    ? ReadDistribution(context, member, memberPath)
                    : ReadChoiceValue(context, member, memberPath)));
            default:
                throw context.Error(
                    node, path,
                    "a choice value must be a string, number, boolean or a mapping (whose members may be " +
                    $"distributions), got {YamlScalars.Describe(node)}.");
        }
    }

    private static YamlMappingNode WriteDistribution(Distribution distribution)
    {
        var map = new YamlMappingNode { { "type", Text(distribution.TypeName) } };
        switch (distribution)
        {
            case ChoiceDistribution choice:
                var values = new YamlSequenceNode
                {
                    Style = choice.Values.Any(v => v is ChoiceObject) ? SequenceStyle.Block : SequenceStyle.Flow,
                };
                foreach (var value in choice.Values)
                {
                    values.Add(WriteChoiceValue(value));
                }

                map.Add("values", values);
                break;
            default:
                foreach (var argument in DistributionArguments.Of(distribution))
                {
                    map.Add(argument.Name, argument.Integer is { } integer ? Long(integer) : Double(argument.Real));
                }

                break;
        }

        return map;
    }

    private static YamlNode WriteChoiceValue(object value)
    {
        if (value is not ChoiceObject choiceObject)
        {
            return Value(value);
        }

        var map = new YamlMappingNode();
        foreach (var (name, member) in choiceObject)
        {
            map.Add(name, member is Distribution nested ? WriteDistribution(nested) : Value(member));
        }

        return map;
    }
}
