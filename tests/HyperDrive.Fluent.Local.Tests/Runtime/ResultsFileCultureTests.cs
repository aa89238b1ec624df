using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

public partial class ResultsFileCultureTests
{
    private static readonly SweepDefinition Ridge = Sweep.For((ctx, ct) =>
        {
            ctx.Report("r2", 0.25 + ctx.Parameters.GetDouble("alpha"));
            return Task.CompletedTask;
        })
        .Sample("alpha", Uniform(0.05, 1.0))
        .Sample("solver", Choice("svd", "cholesky"))
        .Sample("tol", LogUniform(-9.2, -2.3))
        .Maximize("r2")
        .Bandit(2, 0.1)
        .RandomSampling(seed: 7)
        .Runs(3, 1)
        .Build();

    [Fact]
    public async Task Sweep_json_holds_the_search_space_in_the_REST_encoding()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);

        var result = await RunAsync(engine, Ridge, Options(temp));

        var space = JsonNode.Parse(File.ReadAllText(Path.Combine(result.OutputDirectory!, "sweep.json")))!["definition"]!["searchSpace"]!;
        space.ToJsonString().Should().Be("""{"alpha":["uniform",[0.05,1.0]],"solver":["choice",[["svd","cholesky"]]],"tol":["loguniform",[-9.2,-2.3]]}""");
    }

    [Fact]
    public async Task Results_files_are_the_same_bytes_under_any_culture()
    {
        var english = await RunUnderAsync("en-US");
        var german = await RunUnderAsync("de-DE");

        german.Should().HaveCount(english.Count);
        foreach (var (file, text) in english)
        {
            german[file].Should().Be(text, $"{file} must not depend on the culture");
        }
    }

    /// <summary>Runs <see cref="Ridge"/> with the culture set and returns its results files, the times in them masked (they are
    /// the only values that differ between two runs of the same seeded sweep).</summary>
    private static async Task<Dictionary<string, string>> RunUnderAsync(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var temp = new TempFolder();
            await using var engine = Engine(temp);
            var result = await RunAsync(engine, Ridge, Options(temp));
            return new[] { "sweep.json", "metrics_output.json" }.ToDictionary(
                name => name,
                name => Times().Replace(File.ReadAllText(Path.Combine(result.OutputDirectory!, name)), "<time>"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    // ISO 8601 timestamps, and durations written as seconds ("durationSeconds": 0.0123).
    [GeneratedRegex(@"""\d{4}-\d\d-\d\dT[^""]*""|(?<=""\w*(?:[Dd]uration|[Ss]econds)\w*"":\s*)[0-9.eE+-]+")]
    private static partial Regex Times();
}
