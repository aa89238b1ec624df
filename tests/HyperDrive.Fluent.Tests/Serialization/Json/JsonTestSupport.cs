using System.Text.Json;
using HyperDrive.Fluent.Testing.Contract;

namespace HyperDrive.Fluent.Tests.Serialization.Json;

/// <summary>Shared pieces of the REST JSON tests: the contract checker, test data and an order-insensitive JSON comparison.</summary>
internal static class JsonTestSupport
{
    public const string WorkspaceId = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.MachineLearningServices/workspaces/{ws}";

    /// <summary>The REST definitions file (2024-04-01) the contract checker loads.</summary>
    public static readonly string ContractPath = Path.Combine(AppContext.BaseDirectory, "Shared", "RestContract", "sweepjob-definitions.json");

    private static readonly Lazy<RestContractValidator> LazyContract = new(() => RestContractValidator.Load(ContractPath));

    public static RestContractValidator Contract => LazyContract.Value;

    public static string TestDataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Serialization", "Json", "TestData", file);

    public static string TestData(string file) => File.ReadAllText(TestDataPath(file));

    /// <summary>The <c>RequestBody</c> or <c>ResponseBody</c> of a recording file, as JSON text.</summary>
    public static string RecordedBody(string file, string member)
    {
        using var document = JsonDocument.Parse(TestData(file));
        return document.RootElement.GetProperty(member).GetRawText();
    }

    public static void ShouldPassContract(string json, string because = "")
    {
        var violations = Contract.Validate(json);
        violations.Should().BeEmpty($"every body the writer produces must pass the REST contract {because}; body:\n{json}");
    }

    /// <summary>Compares two JSON texts: objects by their members in any order, arrays in order, numbers by their
    /// exact text (so <c>1.0</c> differs from <c>1</c>). Fails with the path of the first difference.</summary>
    public static void ShouldBeSameJson(string actual, string expected)
    {
        using var a = JsonDocument.Parse(actual);
        using var e = JsonDocument.Parse(expected);
        var difference = Difference(a.RootElement, e.RootElement, "$");
        difference.Should().BeNull($"the JSON must equal the expected body.\nactual:\n{actual}\nexpected:\n{expected}");
    }

    private static string? Difference(JsonElement actual, JsonElement expected, string path)
    {
        if (actual.ValueKind != expected.ValueKind)
        {
            return $"{path}: {actual.ValueKind} instead of {expected.ValueKind}";
        }

        switch (actual.ValueKind)
        {
            case JsonValueKind.Object:
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                if (expectedNames.Except(actualNames).FirstOrDefault() is { } missing)
                {
                    return $"{path}.{missing}: missing";
                }

                if (actualNames.Except(expectedNames).FirstOrDefault() is { } extra)
                {
                    return $"{path}.{extra}: not expected";
                }

                foreach (var name in expectedNames)
                {
                    if (Difference(actual.GetProperty(name), expected.GetProperty(name), $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (actual.GetArrayLength() != expected.GetArrayLength())
                {
                    return $"{path}: {actual.GetArrayLength()} items instead of {expected.GetArrayLength()}";
                }

                for (var i = 0; i < actual.GetArrayLength(); i++)
                {
                    if (Difference(actual[i], expected[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return actual.GetRawText() == expected.GetRawText() ? null : $"{path}: {actual.GetRawText()} instead of {expected.GetRawText()}";
        }
    }
}
