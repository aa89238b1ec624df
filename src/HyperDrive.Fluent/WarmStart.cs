using System.Globalization;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>
/// Earlier trials that seed a sweep run by the local engine (Azure ML v1's <c>resume_from</c>, which v2 dropped): the
/// Bayesian sampler learns from them before its first proposal, and every sampler avoids proposing their parameters
/// again. Their search space must fit the sweep's (<see cref="SweepDefinition.Validate"/> names the parameter that does
/// not).
/// </summary>
public sealed record WarmStart
{
    /// <summary>Initializes a warm start.</summary>
    /// <param name="primaryMetric">The metric the trials' values are of; it must be the sweep's primary metric.</param>
    /// <param name="trials">The earlier trials.</param>
    public WarmStart(string primaryMetric, IEnumerable<WarmStartTrial> trials)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryMetric);
        ArgumentNullException.ThrowIfNull(trials);
        PrimaryMetric = primaryMetric;
        Trials = EquatableList<WarmStartTrial>.Create(trials);
    }

    /// <summary>Gets the metric the trials' values are of.</summary>
    public string PrimaryMetric { get; }

    /// <summary>Gets the earlier trials, in their order.</summary>
    public EquatableList<WarmStartTrial> Trials { get; }

    /// <summary>Takes the trials of an earlier run: each with its best value of that run's primary metric (by its
    /// goal), or no value when it failed or never reported the metric.</summary>
    /// <param name="previous">The earlier run's result (a sweep, not a pipeline).</param>
    /// <returns>The warm start.</returns>
    /// <exception cref="ArgumentException">The result has no objective (a pipeline or command job).</exception>
    public static WarmStart FromResult(SweepResult previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var objective = previous.Objective ?? throw new ArgumentException(
            $"The result of '{previous.RunId}' has no objective, so its trials have no values to start from; pass " +
                "the result of a sweep (for a pipeline, one of its Steps).",
            nameof(previous));
        return new WarmStart(
            objective.PrimaryMetric,
            previous.Trials
                .Where(t => t.Parameters.Count > 0)
                .Select(t => new WarmStartTrial(EquatableMap<object>.Create(t.Parameters), t.BestValue(objective))));
    }

    /// <summary>Checks the trials against a sweep's search space and objective.</summary>
    /// <param name="searchSpace">The sweep's search space.</param>
    /// <param name="objective">The sweep's objective.</param>
    /// <param name="pathPrefix">The sweep's path (empty, or <c>jobs.step.</c> in a pipeline).</param>
    /// <returns>One error per parameter that does not fit (the first trial that shows it), and one for a different
    /// metric.</returns>
    internal IReadOnlyList<ValidationProblem> Check(IReadOnlyDictionary<string, Distribution> searchSpace,
        Objective objective, string pathPrefix = "")
    {
        var problems = new List<ValidationProblem>();
        if (!string.IsNullOrEmpty(objective.PrimaryMetric)
            && !string.Equals(objective.PrimaryMetric, PrimaryMetric, StringComparison.Ordinal))
        {
            problems.Add(new ValidationProblem(
                ValidationSeverity.Error,
                pathPrefix + "warm_start",
                $"The earlier trials report '{PrimaryMetric}', but this sweep's primary metric is " +
                    $"'{objective.PrimaryMetric}'.",
                "Warm-start from a sweep with the same primary metric."));
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Trials.Count; i++)
        {
            var trial = Trials[i];
            foreach (var (name, distribution) in searchSpace)
            {
                if (reported.Contains(name))
                {
                    continue;
                }

                string? why = null;
                if (!trial.Parameters.TryGetValue(name, out var value))
                {
                    why = $"earlier trial #{i} has no parameter '{name}', which this sweep's search space has";
                }
                else if (!SearchSpaceMembership.Contains(distribution, value, out var reason))
                {
                    why = $"earlier trial #{i} has {name}={Format(value)}, but {reason}";
                }

                if (why is not null)
                {
                    reported.Add(name);
                    problems.Add(new ValidationProblem(
                        ValidationSeverity.Error,
                        $"{pathPrefix}warm_start.search_space.{name}",
                        $"The earlier trials' search space differs in '{name}': {why}.",
                        $"Warm-start only from a sweep whose '{name}' has the same distribution (values within the " +
                            $"bounds or choices), or widen this sweep's '{name}'."));
                }
            }

            foreach (var name in trial.Parameters.Keys)
            {
                if (!searchSpace.ContainsKey(name) && reported.Add(name))
                {
                    problems.Add(new ValidationProblem(
                        ValidationSeverity.Error,
                        $"{pathPrefix}warm_start.search_space.{name}",
                        $"The earlier trials' search space differs in '{name}': earlier trial #{i} has a parameter " +
                            $"'{name}', which this sweep's search space does not have.",
                        $"Add '{name}' to this sweep's search space, or warm-start from a sweep without it."));
                }
            }
        }

        return problems;
    }

    private static string Format(object value) => value switch
    {
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
