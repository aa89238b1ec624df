using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// A sweep's settings besides its search space and trial: <c>sampling_algorithm</c> (a name, or a mapping such as
/// <c>{type: random, seed: 42, rule: sobol, logbase: e}</c>), <c>objective</c>, <c>early_termination</c> and
/// <c>limits</c> (seconds).
/// </summary>
internal static class YamlSweepSettings
{
    private static readonly string[] RandomSamplingKeys = ["type", "seed", "rule", "logbase"];
    private static readonly string[] OtherSamplingKeys = ["type"];
    private static readonly string[] ObjectiveKeys = ["goal", "primary_metric"];
    private static readonly string[] LimitsKeys =
        ["max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout"];
    private static readonly string[] BanditKeys =
        ["type", "evaluation_interval", "delay_evaluation", "slack_factor", "slack_amount"];
    private static readonly string[] MedianStoppingKeys = ["type", "evaluation_interval", "delay_evaluation"];
    private static readonly string[] TruncationSelectionKeys =
        ["type", "evaluation_interval", "delay_evaluation", "truncation_percentage"];

    // ---------------------------------------------------------------- sampling_algorithm

    public static SamplingAlgorithm ReadSampling(YamlReadContext context, YamlNode node, string path)
    {
        string type;
        YamlMap? map = null;
        if (node is YamlMappingNode mapping)
        {
            type = context.PeekType(mapping, path, YamlNames.SamplingAlgorithms, "sampling algorithm");
            map = context.Map(mapping, path, type == "random" ? RandomSamplingKeys : OtherSamplingKeys);
        }
        else
        {
            var text = node is YamlScalarNode { Value: { } v } ? v : string.Empty;
            type = YamlNames.SamplingAlgorithms.FirstOrDefault(a =>
                string.Equals(a.Name, text, StringComparison.OrdinalIgnoreCase)).Value
                ?? throw context.Error(
                    node, path,
                    $"unknown sampling algorithm {YamlScalars.Describe(node)}; valid values: random, grid, bayesian " +
                    $"(or a mapping such as {{type: random, seed: 42, rule: sobol}}).");
        }

        return type switch
        {
            "random" =>
                new RandomSampling(map?.Int("seed"), map is not null && map.Has("rule")
                ? map.Choose("rule", YamlNames.RandomRules, "random sampling rule") : null)
            {
                LogBase = map is null ? null : ReadLogBase(context, map),
            },
            "grid" => new GridSampling(),
            _ => new BayesianSampling(),
        };
    }

    public static YamlNode WriteSampling(SamplingAlgorithm algorithm)
    {
        if (algorithm is not RandomSampling random || random is { Seed: null, Rule: null, LogBase: null })
        {
            return Text(algorithm.Name);
        }

        var map = new YamlMappingNode { { "type", Text(random.Name) } };
        Add(map, "seed", random.Seed);
        if (random.Rule is { } rule)
        {
            map.Add("rule", Text(YamlNames.Rule(rule)));
        }

        if (random.LogBase is { } logBase)
        {
            map.Add("logbase", logBase == Math.E ? Text("e") : Double(logBase));
        }

        return map;
    }

    /// <summary><c>logbase</c>: a number or <c>e</c> (azure-ai-ml <c>_schema/_sweep/sweep_sampling_algorithm.py</c>
    /// reads it as a number or a string; <c>RandomSamplingAlgorithm</c>: "a positive number or the number e"). The
    /// SDK's test configs give <c>logbase: e</c> and <c>logbase: 2.5</c>.</summary>
    private static double? ReadLogBase(YamlReadContext context, YamlMap map)
    {
        if (map.Get("logbase") is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: "e" or "E" })
        {
            return Math.E;
        }

        // A quoted number ("2.5") is a string to YAML; the REST field is a string, so it is the same value.
        return node is YamlScalarNode scalar && YamlScalars.Resolve(scalar) switch
        {
            long l => l,
            double d => d,
            string text when double.TryParse(
                text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
                out var parsed) => parsed,
            _ => (double?)null,
        } is { } value && double.IsFinite(value)
            ? value
            // Not finite (.inf, .nan, 1e400, "Infinity"): no base to raise to, and the REST string cannot carry it (the
            // YAML writer refuses it); found by the reader-fuzz benchmark as a crash of the write back.
            : throw context.Error(
                node, map.KeyPath("logbase"), $"expected a finite number or e, got {YamlScalars.Describe(node)}.");
    }

    // ---------------------------------------------------------------- objective

    public static Objective ReadObjective(YamlReadContext context, YamlNode node, string path)
    {
        var map = context.Map(node, path, ObjectiveKeys);
        return new Objective(map.Choose("goal", YamlNames.Goals, "goal"), map.RequireString("primary_metric"));
    }

    public static YamlMappingNode WriteObjective(Objective objective) =>
        new() { { "goal", Text(YamlNames.Goal(objective.Goal)) }, { "primary_metric", Text(objective.PrimaryMetric) } };

    // ---------------------------------------------------------------- early_termination

    public static EarlyTerminationPolicy ReadPolicy(YamlReadContext context, YamlNode node, string path)
    {
        var mapping = context.Mapping(node, path);
        var type = context.PeekType(mapping, path, YamlNames.Policies, "early termination policy");
        var keys = type switch
        {
            "bandit" => BanditKeys,
            "median_stopping" => MedianStoppingKeys,
            _ => TruncationSelectionKeys,
        };
        var map = context.Map(mapping, path, keys);

        // Absent evaluation_interval means 1 and absent delay_evaluation 0 (CLI YAML reference; sweep-semantics.md).
        var interval = map.Int("evaluation_interval") ?? 1;
        var delay = map.Int("delay_evaluation") ?? 0;
        try
        {
            return type switch
            {
                "bandit" => new BanditPolicy(map.Double("slack_factor"), map.Double("slack_amount"), interval, delay),
                "median_stopping" => new MedianStoppingPolicy(interval, delay),
                _ => new TruncationSelectionPolicy(
                    map.Int("truncation_percentage")
                        ?? throw context.Error(
                        mapping, map.KeyPath("truncation_percentage"),
                        "'truncation_percentage' is required (an integer 1..99)."),
                    interval,
                    delay),
            };
        }
        catch (ArgumentException ex)
        {
            throw context.Error(mapping, path, ex.Message, ex);
        }
    }

    public static YamlMappingNode? WritePolicy(EarlyTerminationPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        var map = new YamlMappingNode
        {
            { "type", Text(policy.Name) },
            { "evaluation_interval", Long(policy.EvaluationInterval) },
            { "delay_evaluation", Long(policy.DelayEvaluation) },
        };
        switch (policy)
        {
            case BanditPolicy bandit:
                if (bandit.SlackFactor is { } factor)
                {
                    map.Add("slack_factor", Double(factor));
                }

                if (bandit.SlackAmount is { } amount)
                {
                    map.Add("slack_amount", Double(amount));
                }

                break;
            case TruncationSelectionPolicy truncation:
                map.Add("truncation_percentage", Long(truncation.TruncationPercentage));
                break;
        }

        return map;
    }

    // ---------------------------------------------------------------- limits

    public static SweepLimits ReadLimits(YamlReadContext context, YamlNode node, string path)
    {
        var map = context.Map(node, path, LimitsKeys);
        return new SweepLimits
        {
            MaxTotalTrials = context.Recover(() => map.Int("max_total_trials"), null),
            MaxConcurrentTrials = context.Recover(() => map.Int("max_concurrent_trials"), null),
            Timeout = context.Recover(() => Seconds(context, map, "timeout"), null),
            TrialTimeout = context.Recover(() => Seconds(context, map, "trial_timeout"), null),
        };
    }

    public static YamlMappingNode? WriteLimits(SweepLimits limits)
    {
        var map = new YamlMappingNode();
        Add(map, "max_total_trials", limits.MaxTotalTrials);
        Add(map, "max_concurrent_trials", limits.MaxConcurrentTrials);
        Add(map, "timeout", limits.Timeout is { } timeout ? Seconds(timeout) : null);
        Add(map, "trial_timeout", limits.TrialTimeout is { } trialTimeout ? Seconds(trialTimeout) : null);
        return map.Children.Count == 0 ? null : map;
    }

    private static TimeSpan? Seconds(YamlReadContext context, YamlMap map, string key)
    {
        var seconds = map.Double(key);
        if (seconds is null)
        {
            return null;
        }

        return seconds is >= 0 and <= 1e9
            ? TimeSpan.FromTicks((long)Math.Round(seconds.Value * TimeSpan.TicksPerSecond))
            : throw context.Error(
                map.Get(key), map.KeyPath(key), $"expected a number of seconds from 0 to 1e9, got {seconds}.");
    }

    private static YamlScalarNode Seconds(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0 ? Long(span.Ticks / TimeSpan.TicksPerSecond)
            : Double((double)span.Ticks / TimeSpan.TicksPerSecond);
}
