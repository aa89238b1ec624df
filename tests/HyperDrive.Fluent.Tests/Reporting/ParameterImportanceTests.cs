using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Reporting;

namespace HyperDrive.Fluent.Tests.Reporting;

/// <summary>The report's importance bars against Optuna's <c>get_param_importances</c> (fANOVA evaluator) on the same
/// 200 trials (TestData/Importance: trials.json and optuna-importances.json, both written by make_golden.py there).</summary>
public sealed class ParameterImportanceTests
{
    [Fact]
    public void Ranking_matches_Optuna_on_a_problem_with_one_dominant_parameter()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Importance");
        using var trials = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "trials.json")));
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "optuna-importances.json")));
        var objective = new Objective(ObjectiveGoal.Minimize, "loss");
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var result = new SweepResult
        {
            RunId = "importance",
            Status = SweepRunStatus.Completed,
            Objective = objective,
            Trials = trials.RootElement.GetProperty("trials").EnumerateArray().Select(t => new TrialResult
            {
                Id = "importance_" + t.GetProperty("number").GetInt32().ToString(CultureInfo.InvariantCulture),
                Number = t.GetProperty("number").GetInt32(),
                Status = TrialStatus.Completed,
                Parameters = t.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.GetDouble()),
                Metrics = new Dictionary<string, IReadOnlyList<MetricValue>> { ["loss"] = [new MetricValue("loss", t.GetProperty("value").GetDouble(), 1, t0)] },
            }).ToList(),
        };
        var context = new ReportContext { LogParameters = new HashSet<string>(["lr"]) };

        var html = SweepReport.Render(result, options: null, context);

        var bars = XDocument.Parse(html).Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("class") == "bar")
            .Select(e => (Name: (string)e.Attribute("data-param")!, Share: double.Parse((string)e.Attribute("data-importance")!, CultureInfo.InvariantCulture)))
            .ToList();
        var optuna = golden.RootElement.GetProperty("importances").EnumerateObject().Select(p => (Name: p.Name, Share: p.Value.GetDouble())).OrderByDescending(p => p.Share).ToList();
        bars.Select(b => b.Name).Should().Equal(optuna.Select(o => o.Name), "the same ranking as Optuna: x1 >> x2 > x3 > lr");
        bars.Sum(b => b.Share).Should().BeApproximately(1, 1e-9);
        bars[0].Share.Should().BeApproximately(optuna[0].Share, 0.1, "x1 explains most of the variance in both");
        bars[^1].Share.Should().BeLessThan(0.02, "lr has no effect");
    }

    [Fact]
    public void Fewer_than_four_trials_get_a_note_instead_of_bars()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var result = new SweepResult
        {
            RunId = "few",
            Status = SweepRunStatus.Completed,
            Objective = new Objective(ObjectiveGoal.Maximize, "r2"),
            Trials = Enumerable.Range(0, 3).Select(i => new TrialResult
            {
                Id = "few_" + i, Number = i, Status = TrialStatus.Completed,
                Parameters = new Dictionary<string, object> { ["alpha"] = 0.1 * (i + 1) },
                Metrics = new Dictionary<string, IReadOnlyList<MetricValue>> { ["r2"] = [new MetricValue("r2", i, 1, t0)] },
            }).ToList(),
        };

        SweepReport.RenderHtml(result).Should().Contain("Importance needs at least 4 trials with a value.");
    }
}
