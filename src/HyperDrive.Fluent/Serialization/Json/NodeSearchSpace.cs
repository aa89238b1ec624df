using System.Text.Json;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>The YAML-shaped search space of a pipeline sweep node (contract §4): <c>{"alpha": {"type": "uniform",
/// "min_value": 0.05, "max_value": 1.0}}</c>, choice as <c>{"type": "choice", "values": [...]}</c>.</summary>
internal static class NodeSearchSpace
{
    public static void Write(Utf8JsonWriter writer, EquatableMap<Distribution> searchSpace)
    {
        writer.WriteStartObject("search_space");
        foreach (var (name, distribution) in searchSpace)
        {
            writer.WritePropertyName(name);
            WriteDistribution(writer, distribution);
        }

        writer.WriteEndObject();
    }

    private static void WriteDistribution(Utf8JsonWriter writer, Distribution distribution)
    {
        writer.WriteStartObject();
        writer.WriteString("type", distribution.TypeName);
        switch (distribution)
        {
            case ChoiceDistribution choice:
                writer.WriteStartArray("values");
                foreach (var value in choice.Values)
                {
                    WriteChoiceValue(writer, value);
                }

                writer.WriteEndArray();
                break;
            default:
                foreach (var argument in DistributionArguments.Of(distribution))
                {
                    if (argument.Integer is { } integer)
                    {
                        writer.WriteNumber(argument.Name, integer);
                    }
                    else
                    {
                        JsonNumbers.WriteReal(writer, argument.Name, argument.Real);
                    }
                }

                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteChoiceValue(Utf8JsonWriter writer, object value)
    {
        if (value is ChoiceObject option)
        {
            writer.WriteStartObject();
            foreach (var (member, memberValue) in option)
            {
                writer.WritePropertyName(member);
                if (memberValue is Distribution nested)
                {
                    WriteDistribution(writer, nested);
                }
                else
                {
                    RestSearchSpace.WriteScalar(writer, memberValue);
                }
            }

            writer.WriteEndObject();
        }
        else
        {
            RestSearchSpace.WriteScalar(writer, value);
        }
    }

    public static EquatableMap<Distribution> Read(JsonElement element, JsonReadContext context, string path)
    {
        context.ExpectKind(
            element, JsonValueKind.Object, path, "an object mapping each hyperparameter name to {\"type\": ..., ...}");
        var entries = new List<KeyValuePair<string, Distribution>>();
        foreach (var property in element.EnumerateObject())
        {
            entries.Add(
                new(property.Name,
                ReadDistribution(property.Value, context, JsonReadContext.Join(path, property.Name))));
        }

        return EquatableMap<Distribution>.Create(entries);
    }

    private static Distribution ReadDistribution(JsonElement element, JsonReadContext context, string path)
    {
        if (RestSearchSpace.IsEncodedDistribution(element))
        {
            return RestSearchSpace.ReadDistribution(element, context, path);
        }

        context.ExpectKind(
            element, JsonValueKind.Object, path,
            "{\"type\": \"uniform\", \"min_value\": ..., \"max_value\": ...} or another distribution object");
        var type =
            context.RequireString(
            element, "type", path,
            "Give the distribution: choice, randint, uniform, quniform, loguniform, qloguniform, normal, qnormal, " +
            "lognormal or qlognormal.");
        var kind = WireNames.ParseDistributionKind(type)
            ?? throw context.Fail(
                JsonReadContext.Join(path, "type"),
                $"unknown distribution '{type}'; use choice, randint, uniform, quniform, loguniform, qloguniform, " +
                "normal, qnormal, lognormal or qlognormal.");
        try
        {
            return kind == DistributionKind.Choice
                ? ReadChoice(element, context, path)
                : DistributionArguments.Create(
                    kind,
                    name => context.Int(element, name, path)
                        ?? throw context.Fail(
                        JsonReadContext.Join(path, name), "is required for a randint distribution."),
                    name => context.Double(element, name, path)
                        ?? throw context.Fail(
                        JsonReadContext.Join(path, name), $"is required for a {type} distribution."));
        }
        catch (ArgumentException e)
        {
            throw context.Fail(path, e.Message, e);
        }
    }

    private static ChoiceDistribution ReadChoice(JsonElement element, JsonReadContext context, string path)
    {
        var valuesPath = JsonReadContext.Join(path, "values");
        if (!JsonReadContext.TryGet(element, "values", out var values) || values.ValueKind != JsonValueKind.Array
            || values.GetArrayLength() == 0)
        {
            throw context.Fail(valuesPath, "a choice needs a non-empty list of values.");
        }

        var list = new List<object>();
        var index = 0;
        foreach (var value in values.EnumerateArray())
        {
            var itemPath = $"{valuesPath}[{index++}]";
            if (value.ValueKind == JsonValueKind.Object)
            {
                var members = new List<KeyValuePair<string, object>>();
                foreach (var member in value.EnumerateObject())
                {
                    var memberPath = JsonReadContext.Join(itemPath, member.Name);
                    var isDistribution = member.Value.ValueKind == JsonValueKind.Object
                        && JsonReadContext.TryGet(member.Value, "type", out _);
                    members.Add(new(member.Name, isDistribution
                        ? ReadDistribution(member.Value, context, memberPath)
                        : RestSearchSpace.ReadScalar(member.Value, context, memberPath)));
                }

                list.Add(new ChoiceObject(members));
            }
            else
            {
                list.Add(RestSearchSpace.ReadScalar(value, context, itemPath));
            }
        }

        return new ChoiceDistribution(list);
    }
}
