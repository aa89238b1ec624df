using System.Globalization;
using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Testing;

/// <summary>Text for failure messages: distributions and policies as Azure ML writes them, and a definition's compiled
/// YAML.</summary>
internal static class Describe
{
    public static string Distribution(Distribution? distribution) => distribution switch
    {
        null => "nothing",
        ChoiceDistribution c => $"choice({string.Join(", ", c.Values.Select(Value))})",
        RandIntDistribution r => $"randint({r.Upper})",
        UniformDistribution u => $"uniform({N(u.Min)}, {N(u.Max)})",
        QUniformDistribution q => $"quniform({N(q.Min)}, {N(q.Max)}, {N(q.Q)})",
        LogUniformDistribution l => $"loguniform({N(l.Min)}, {N(l.Max)})",
        QLogUniformDistribution q => $"qloguniform({N(q.Min)}, {N(q.Max)}, {N(q.Q)})",
        NormalDistribution n => $"normal({N(n.Mu)}, {N(n.Sigma)})",
        QNormalDistribution q => $"qnormal({N(q.Mu)}, {N(q.Sigma)}, {N(q.Q)})",
        LogNormalDistribution l => $"lognormal({N(l.Mu)}, {N(l.Sigma)})",
        QLogNormalDistribution q => $"qlognormal({N(q.Mu)}, {N(q.Sigma)}, {N(q.Q)})",
        _ => distribution.TypeName,
    };

    public static string Policy(EarlyTerminationPolicy? policy) => policy switch
    {
        null => "no early termination",
        BanditPolicy b when b.SlackAmount is { } amount =>
            $"bandit(evaluation_interval: {b.EvaluationInterval}, slack_amount: {N(amount)}, delay_evaluation: " +
                $"{b.DelayEvaluation})",
        BanditPolicy b =>
            $"bandit(evaluation_interval: {b.EvaluationInterval}, slack_factor: {N(b.SlackFactor ?? 0)}, " +
                $"delay_evaluation: {b.DelayEvaluation})",
        MedianStoppingPolicy m =>
            $"median_stopping(evaluation_interval: {m.EvaluationInterval}, delay_evaluation: {m.DelayEvaluation})",
        TruncationSelectionPolicy t =>
            $"truncation_selection(truncation_percentage: {t.TruncationPercentage}, evaluation_interval: " +
                $"{t.EvaluationInterval}, delay_evaluation: {t.DelayEvaluation})",
        _ => policy.Name,
    };

    public static string Sampling(SamplingAlgorithm algorithm) => algorithm switch
    {
        RandomSampling { Rule: RandomSamplingRule.Sobol } r => r.Seed is { } s ? $"sobol sampling (seed {s})"
            : "sobol sampling",
        RandomSampling r => r.Seed is { } s ? $"random sampling (seed {s})" : "random sampling",
        GridSampling => "grid sampling",
        BayesianSampling => "bayesian sampling",
        _ => algorithm.Name,
    };

    public static string Limits(int? maxTotal, int? maxConcurrent) =>
        $"max_total_trials: {maxTotal?.ToString(CultureInfo.InvariantCulture) ?? "unset"}, max_concurrent_trials: " +
            $"{maxConcurrent?.ToString(CultureInfo.InvariantCulture) ?? "unset"}";

    /// <summary>The compiled Azure ML YAML of <paramref name="definition"/>, indented, for the end of a failure
    /// message.</summary>
    public static string Yaml(string what, JobDefinition definition)
    {
        string yaml;
        try
        {
            yaml = AzureMLYaml.Write(definition);
        }
#pragma warning disable CA1031 // A definition the writer refuses still deserves a readable failure message.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return $"{Environment.NewLine}{Environment.NewLine}({what} could not be compiled to YAML: " +
                $"{exception.Message})";
        }

        var indented =
            string.Join(Environment.NewLine, yaml.TrimEnd().Split('\n').Select(l => "    " + l.TrimEnd('\r')));
        return $"{Environment.NewLine}{Environment.NewLine}{what} compiles to:{Environment.NewLine}{indented}";
    }

    /// <summary>Escapes text for a FluentAssertions message, whose braces are placeholders.</summary>
    public static string Literal(string text) =>
        text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => N(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
