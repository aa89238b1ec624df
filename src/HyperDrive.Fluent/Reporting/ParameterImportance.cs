using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Reporting;

/// <summary>
/// fANOVA-style hyperparameter importance (Hutter et al., 2014, as Optuna's <c>FanovaImportanceEvaluator</c> computes
/// it): a small random forest is fitted to (parameters → best primary-metric value) of the finished trials; in each
/// tree the variance of the prediction over the search box is decomposed, and a parameter's importance is the share of
/// that variance its main effect (the prediction averaged over every other parameter) explains, averaged over the trees
/// and normalized to sum to 1. Log-distributed parameters are placed by their logarithm, choices by their category
/// index.
/// </summary>
internal static class ParameterImportance
{
    /// <summary>Fewer trials than this give no importance (a forest of three points says nothing).</summary>
    public const int MinimumTrials = 4;

    private const int TreeCount = 32;
    private const int MaxDepth = 24;

    /// <summary>Computes the importance of each parameter, largest first; empty when fewer than
    /// <see cref="MinimumTrials"/> trials have a value or no parameter varies.</summary>
    /// <param name="trials">The trials.</param>
    /// <param name="parameters">Their flattened parameters.</param>
    /// <param name="objective">The objective (the target is each trial's best value).</param>
    /// <param name="logParameters">The parameters drawn from a log distribution.</param>
    /// <param name="seed">The forest's seed (the result is reproducible).</param>
    public static IReadOnlyList<(string Name, double Importance)> Compute(
        IReadOnlyList<TrialResult> trials, ReportParameters parameters, Objective objective,
            IReadOnlySet<string> logParameters, int seed = 0)
    {
        // As Optuna: completed trials only; a sweep whose policy stopped most trials falls back to every trial with a
        // value.
        var rows = Enumerable.Range(0, trials.Count)
            .Where(i => trials[i].Status == TrialStatus.Completed && trials[i].BestValue(objective) is { } v
                && double.IsFinite(v))
            .ToList();
        if (rows.Count < MinimumTrials)
        {
            rows = Enumerable.Range(0, trials.Count).Where(i => trials[i].BestValue(objective) is { } v
                && double.IsFinite(v)).ToList();
        }

        if (rows.Count < MinimumTrials || parameters.Names.Count == 0)
        {
            return [];
        }

        var names = parameters.Names;
        var encoders = names.Select(name => Encoder(parameters, name, rows, logParameters.Contains(name))).ToArray();
        var x = rows.Select(r => names.Select((name, f) => encoders[f](parameters.Get(r, name))).ToArray()).ToArray();
        var y = rows.Select(r => trials[r].BestValue(objective)!.Value).ToArray();
        var lower = Enumerable.Range(0, names.Count).Select(f => x.Min(row => row[f])).ToArray();
        var upper = Enumerable.Range(0, names.Count).Select(f => x.Max(row => row[f])).ToArray();

        var forest = RegressionForest.Fit(x, y, lower, upper, TreeCount, MaxDepth, seed);
        var sums = new double[names.Count];
        var counted = 0;
        foreach (var tree in forest.Trees)
        {
            var fractions = VarianceFractions(tree, lower, upper);
            if (fractions is null)
            {
                continue;
            }

            counted++;
            for (var f = 0; f < sums.Length; f++)
            {
                sums[f] += fractions[f];
            }
        }

        var total = sums.Sum();
        if (counted == 0 || total <= 0)
        {
            return [];
        }

        return names.Select((name, f) => (name, sums[f] / total)).OrderByDescending(p => p.Item2).ThenBy(p =>
            p.name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The share of a tree's variance over the box that each feature's main effect explains, or
    /// <see langword="null"/> when the tree is constant.</summary>
    private static double[]? VarianceFractions(RegressionTree tree, double[] lower, double[] upper)
    {
        var features = lower.Length;
        var leaves = tree.Leaves;
        var weights = new double[leaves.Count];
        var mean = 0.0;
        for (var l = 0; l < leaves.Count; l++)
        {
            weights[l] = 1;
            for (var f = 0; f < features; f++)
            {
                weights[l] *= Fraction(leaves[l].Low[f], leaves[l].High[f], lower[f], upper[f]);
            }

            mean += weights[l] * leaves[l].Value;
        }

        var variance = 0.0;
        for (var l = 0; l < leaves.Count; l++)
        {
            variance += weights[l] * (leaves[l].Value - mean) * (leaves[l].Value - mean);
        }

        if (variance <= 1e-300)
        {
            return null;
        }

        var fractions = new double[features];
        for (var f = 0; f < features; f++)
        {
            if (upper[f] <= lower[f])
            {
                continue;
            }

            // The main effect of f is piecewise constant between the tree's thresholds on f.
            var cuts = tree.Splits[f].Append(lower[f]).Append(upper[f]).Distinct().Order().ToArray();
            var marginal = new double[cuts.Length]; // difference array over the intervals [cuts[i], cuts[i+1]]
            for (var l = 0; l < leaves.Count; l++)
            {
                var own = Fraction(leaves[l].Low[f], leaves[l].High[f], lower[f], upper[f]);
                if (own <= 0)
                {
                    continue;
                }

                var from = Array.BinarySearch(cuts, Math.Max(leaves[l].Low[f], lower[f]));
                var to = Array.BinarySearch(cuts, Math.Min(leaves[l].High[f], upper[f]));
                var contribution = leaves[l].Value * weights[l] / own;
                marginal[from] += contribution;
                marginal[to] -= contribution;
            }

            var running = 0.0;
            var effect = 0.0;
            for (var i = 0; i < cuts.Length - 1; i++)
            {
                running += marginal[i];
                var width = (cuts[i + 1] - cuts[i]) / (upper[f] - lower[f]);
                effect += width * (running - mean) * (running - mean);
            }

            fractions[f] = effect / variance;
        }

        return fractions;
    }

    private static double Fraction(double low, double high, double lower, double upper) =>
        upper > lower ? Math.Max(0, Math.Min(high, upper) - Math.Max(low, lower)) / (upper - lower) : 1;

    private static Func<object?, double> Encoder(ReportParameters parameters, string name, List<int> rows,
        bool logarithmic)
    {
        if (parameters.IsNumeric(name))
        {
            var positive = rows.All(r => parameters.Get(r, name) is not { } v || ReportParameters.ToNumber(v) > 0);
            return logarithmic && positive
                ? value => ReportParameters.ToNumber(value) is { } d ? Math.Log(d) : 0
                : value => ReportParameters.ToNumber(value) ?? 0;
        }

        var categories = rows.Select(r => HtmlText.Value(parameters.Get(r, name))).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        return value => Math.Max(0, categories.IndexOf(HtmlText.Value(value)));
    }
}
