using System.Text.Json;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// The REST encoding of a search space (contract §3, azure-ai-ml <c>search_space.py</c>):
/// <c>{"alpha": ["uniform", [0.05, 1.0]]}</c>, choice values wrapped in one extra list
/// (<c>["choice", [[1, 2, 3]]]</c>), object options encoded member by member, nested distributions recursively.
/// </summary>
internal static class RestSearchSpace
{
    public static void Write(Utf8JsonWriter writer, EquatableMap<Distribution> searchSpace)
    {
        writer.WriteStartObject();
        foreach (var (name, distribution) in searchSpace)
        {
            writer.WritePropertyName(name);
            WriteDistribution(writer, distribution);
        }

        writer.WriteEndObject();
    }

    public static void WriteDistribution(Utf8JsonWriter writer, Distribution distribution)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(distribution.TypeName);
        writer.WriteStartArray();
        switch (distribution)
        {
            case ChoiceDistribution choice:
                writer.WriteStartArray();
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
                        writer.WriteNumberValue(integer);
                    }
                    else
                    {
                        JsonNumbers.WriteReal(writer, argument.Real);
                    }
                }

                break;
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    /// <summary>Writes a choice value: a scalar, or an object whose members are scalars or (recursively)
    /// distributions.</summary>
    public static void WriteChoiceValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case ChoiceObject option:
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
                        WriteChoiceValue(writer, memberValue);
                    }
                }

                writer.WriteEndObject();
                break;
            default:
                WriteScalar(writer, value);
                break;
        }
    }

    /// <summary>Writes a string, boolean, integer or real (reals keep their fraction).</summary>
    public static void WriteScalar(Utf8JsonWriter writer, object value)
    {
        if (JsonScalars.TryWrite(writer, value))
        {
            return;
        }

        if (value is not double d)
        {
            throw new InvalidOperationException($"A choice value of type {value.GetType().Name} cannot be written.");
        }

        JsonNumbers.WriteReal(writer, d);
    }

    public static EquatableMap<Distribution> Read(JsonElement element, JsonReadContext context, string path)
    {
        context.ExpectKind(
            element, JsonValueKind.Object, path,
            "an object mapping each hyperparameter name to [\"<type>\", [arguments]]");
        var entries = new List<KeyValuePair<string, Distribution>>();
        foreach (var property in element.EnumerateObject())
        {
            var itemPath = path + "." + property.Name;
            if (property.Name.StartsWith('-'))
            {
                throw context.Fail(
                    itemPath,
                    $"the search-space key '{property.Name}' starts with '-'; that is the 2021 pre-GA syntax. Use " +
                    $"the bare parameter name ('{property.Name.TrimStart('-')}') and put the flag in trial.command.");
            }

            entries.Add(new(property.Name, ReadDistribution(property.Value, context, itemPath)));
        }

        return EquatableMap<Distribution>.Create(entries);
    }

    /// <summary>Whether an element looks like an encoded distribution (<c>["uniform", [...]]</c>).</summary>
    public static bool IsEncodedDistribution(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array
        && element.GetArrayLength() == 2
        && element[0].ValueKind == JsonValueKind.String
        && element[1].ValueKind == JsonValueKind.Array
        && WireNames.ParseDistributionKind(element[0].GetString()) is not null;

    public static Distribution ReadDistribution(JsonElement element, JsonReadContext context, string path)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2
            || element[0].ValueKind != JsonValueKind.String || element[1].ValueKind != JsonValueKind.Array)
        {
            throw context.Fail(
                path, "expected [\"<type>\", [arguments]] such as [\"uniform\", [0.05, 1.0]] or [\"choice\", [[1, " +
                $"2, 3]]], found {JsonReadContext.Describe(element)}.");
        }

        var type = element[0].GetString()!.ToLowerInvariant();
        var args = element[1];
        var argsPath = path + "[1]";
        const string MinMax = "[min, max]", MinMaxQ = "[min, max, q]";
        const string MuSigma = "[mu, sigma]", MuSigmaQ = "[mu, sigma, q]";
        double Arg(int count, int index, string shape) => Real(args, count, index, context, argsPath, shape);
        try
        {
            return type switch
            {
                "choice" => ReadChoice(args, context, argsPath),
                "randint" => new RandIntDistribution(Integer(args, 1, 0, context, argsPath, "[upper]")),
                "uniform" => new UniformDistribution(Arg(2, 0, MinMax), Arg(2, 1, MinMax)),
                "loguniform" => new LogUniformDistribution(Arg(2, 0, MinMax), Arg(2, 1, MinMax)),
                "quniform" => new QUniformDistribution(Arg(3, 0, MinMaxQ), Arg(3, 1, MinMaxQ), Arg(3, 2, MinMaxQ)),
                "qloguniform" =>
                    new QLogUniformDistribution(Arg(3, 0, MinMaxQ), Arg(3, 1, MinMaxQ), Arg(3, 2, MinMaxQ)),
                "normal" => new NormalDistribution(Arg(2, 0, MuSigma), Arg(2, 1, MuSigma)),
                "lognormal" => new LogNormalDistribution(Arg(2, 0, MuSigma), Arg(2, 1, MuSigma)),
                "qnormal" => new QNormalDistribution(Arg(3, 0, MuSigmaQ), Arg(3, 1, MuSigmaQ), Arg(3, 2, MuSigmaQ)),
                "qlognormal" =>
                    new QLogNormalDistribution(Arg(3, 0, MuSigmaQ), Arg(3, 1, MuSigmaQ), Arg(3, 2, MuSigmaQ)),
                _ => throw context.Fail(
                    path + "[0]",
                    $"unknown distribution '{element[0].GetString()}'; use one of choice, randint, uniform, " +
                    "quniform, loguniform, qloguniform, normal, qnormal, lognormal, qlognormal."),
            };
        }
        catch (ArgumentException e)
        {
            throw context.Fail(argsPath, e.Message, e);
        }
    }

    private static ChoiceDistribution ReadChoice(JsonElement args, JsonReadContext context, string path)
    {
        if (args.GetArrayLength() != 1 || args[0].ValueKind != JsonValueKind.Array)
        {
            throw context.Fail(
                path, "a choice's arguments are its values wrapped in one extra list: [\"choice\", [[v1, v2, ...]]].");
        }

        var values = new List<object>();
        var index = 0;
        foreach (var value in args[0].EnumerateArray())
        {
            values.Add(ReadChoiceValue(value, context, $"{path}[0][{index++}]"));
        }

        if (values.Count == 0)
        {
            throw context.Fail(path + "[0]", "a choice needs at least one value.");
        }

        return new ChoiceDistribution(values);
    }

    private static object ReadChoiceValue(JsonElement value, JsonReadContext context, string path)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            var members = new List<KeyValuePair<string, object>>();
            foreach (var member in value.EnumerateObject())
            {
                var memberPath = path + "." + member.Name;
                members.Add(new(member.Name, IsEncodedDistribution(member.Value)
                    ? ReadDistribution(member.Value, context, memberPath)
                    : ReadScalar(member.Value, context, memberPath)));
            }

            return new ChoiceObject(members);
        }

        return ReadScalar(value, context, path);
    }

    public static object ReadScalar(JsonElement value, JsonReadContext context, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => JsonNumbers.ReadNumber(value),
        _ => throw context.Fail(
            path, "a choice value must be a string, number, boolean or object, found " +
            $"{JsonReadContext.Describe(value)}."),
    };

    private static double Real(JsonElement args, int count, int index, JsonReadContext context, string path,
        string shape)
    {
        CheckCount(args, count, context, path, shape);
        var arg = args[index];
        return arg.ValueKind == JsonValueKind.Number
            ? arg.GetDouble()
            : throw context.Fail($"{path}[{index}]", $"expected a number, found {JsonReadContext.Describe(arg)}.");
    }

    private static long Integer(JsonElement args, int count, int index, JsonReadContext context, string path,
        string shape)
    {
        CheckCount(args, count, context, path, shape);
        var arg = args[index];
        return arg.ValueKind == JsonValueKind.Number && arg.TryGetInt64(out var value)
            ? value
            : arg.ValueKind == JsonValueKind.Number && arg.TryGetDouble(out var real) && real == Math.Floor(real)
                && Math.Abs(real) < long.MaxValue
                ? (long)real
                : throw context.Fail(
                    $"{path}[{index}]", $"expected an integer, found {JsonReadContext.Describe(arg)}.");
    }

    private static void CheckCount(JsonElement args, int count, JsonReadContext context, string path, string shape)
    {
        if (args.GetArrayLength() != count)
        {
            throw context.Fail(path, $"expected {count} argument(s) {shape}, found {args.GetArrayLength()}.");
        }
    }
}
