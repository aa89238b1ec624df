using FluentAssertions;
using FluentAssertions.Primitives;
using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Testing;

/// <summary>Assertions on a <see cref="SweepDefinition"/>. Every failure message ends with the sweep's compiled Azure
/// ML YAML.</summary>
public sealed class SweepDefinitionAssertions : ReferenceTypeAssertions<SweepDefinition?, SweepDefinitionAssertions>
{
    private readonly string _yamlLabel;

    /// <summary>Initializes assertions on <paramref name="subject"/>.</summary>
    /// <param name="subject">The sweep.</param>
    public SweepDefinitionAssertions(SweepDefinition? subject)
        : this(subject, "The sweep")
    {
    }

    internal SweepDefinitionAssertions(SweepDefinition? subject, string yamlLabel)
        : base(subject)
    {
        _yamlLabel = yamlLabel;
    }

    /// <inheritdoc />
    protected override string Identifier => "sweep";

    /// <summary>Asserts that the search space has the parameter <paramref name="name"/>; chain <c>.FromUniform(...)</c>
    /// and the like to assert its distribution.</summary>
    /// <param name="name">The parameter (<c>alpha</c>, or the script flag <c>--alpha</c>).</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>Assertions on the parameter's distribution.</returns>
    [CustomAssertion]
    public SearchSpaceParameterAssertions Sample(string name, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.TrimStart('-');
        Distribution? found = null;
        Check($"sample \"{key}\"", s =>
        {
            if (s.SearchSpace.TryGetValue(key, out var distribution))
            {
                found = distribution;
                return null;
            }

            return s.SearchSpace.Count == 0
                ? "its search space is empty"
                : $"its search space has only {string.Join(", ", s.SearchSpace.Keys.Select(k => $"\"{k}\""))}";
        }, because, becauseArgs);
        return new SearchSpaceParameterAssertions(this, key, found);
    }

    /// <summary>Asserts that the sweep maximizes <paramref name="primaryMetric"/>.</summary>
    /// <param name="primaryMetric">The metric.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> Maximize(
        string primaryMetric, string because = "", params object[] becauseArgs) =>
        HaveObjective(new Objective(ObjectiveGoal.Maximize, primaryMetric), because, becauseArgs);

    /// <summary>Asserts that the sweep minimizes <paramref name="primaryMetric"/>.</summary>
    /// <param name="primaryMetric">The metric.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> Minimize(
        string primaryMetric, string because = "", params object[] becauseArgs) =>
        HaveObjective(new Objective(ObjectiveGoal.Minimize, primaryMetric), because, becauseArgs);

    /// <summary>Asserts a bandit policy with a slack factor (as <c>.Bandit(evaluationInterval, slackFactor,
    /// delayEvaluation)</c> builds it).</summary>
    /// <param name="evaluationInterval">The evaluation interval.</param>
    /// <param name="slackFactor">The slack factor.</param>
    /// <param name="delayEvaluation">The delay.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> UseBandit(
        int evaluationInterval, double slackFactor, int delayEvaluation = 0, string because =
        "", params object[] becauseArgs) =>
        UseEarlyTermination(new BanditPolicy(slackFactor, null, evaluationInterval, delayEvaluation), because,
            becauseArgs);

    /// <summary>Asserts a bandit policy with an absolute slack (as <c>.BanditAmount(...)</c> builds it).</summary>
    /// <param name="evaluationInterval">The evaluation interval.</param>
    /// <param name="slackAmount">The slack amount.</param>
    /// <param name="delayEvaluation">The delay.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> UseBanditAmount(
        int evaluationInterval, double slackAmount, int delayEvaluation = 0, string because =
        "", params object[] becauseArgs) =>
        UseEarlyTermination(new BanditPolicy(null, slackAmount, evaluationInterval, delayEvaluation), because,
            becauseArgs);

    /// <summary>Asserts a median stopping policy.</summary>
    /// <param name="evaluationInterval">The evaluation interval.</param>
    /// <param name="delayEvaluation">The delay.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> UseMedianStopping(
        int evaluationInterval = 1, int delayEvaluation = 0, string because = "", params object[] becauseArgs) =>
        UseEarlyTermination(new MedianStoppingPolicy(evaluationInterval, delayEvaluation), because, becauseArgs);

    /// <summary>Asserts a truncation selection policy.</summary>
    /// <param name="truncationPercentage">The percentage.</param>
    /// <param name="evaluationInterval">The evaluation interval.</param>
    /// <param name="delayEvaluation">The delay.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> UseTruncationSelection(
        int truncationPercentage, int evaluationInterval = 1, int delayEvaluation = 0, string because =
        "", params object[] becauseArgs) =>
        UseEarlyTermination(new TruncationSelectionPolicy(truncationPercentage, evaluationInterval, delayEvaluation),
            because, becauseArgs);

    /// <summary>Asserts that the sweep has no early termination policy.</summary>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> UseNoEarlyTermination(
        string because = "", params object[] becauseArgs) =>
        UseEarlyTermination(null, because, becauseArgs);

    /// <summary>Asserts the sampling algorithm (e.g. <c>new GridSampling()</c>, <c>new RandomSampling(seed:
    /// 42)</c>).</summary>
    /// <param name="expected">The algorithm, compared by value.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> UseSampling(
        SamplingAlgorithm expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Check($"use {Describe.Sampling(expected)}", s => Equals(s.SamplingAlgorithm, expected) ? null
            : $"it uses {Describe.Sampling(s.SamplingAlgorithm)}", because, becauseArgs);
        return new(this);
    }

    /// <summary>Asserts the limits: <paramref name="maxTotalTrials"/> trials in all and, when given,
    /// <paramref name="maxConcurrentTrials"/> at once.</summary>
    /// <param name="maxTotalTrials">The expected <c>max_total_trials</c>.</param>
    /// <param name="maxConcurrentTrials">The expected <c>max_concurrent_trials</c>; <see langword="null"/> to leave it
    /// unchecked.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> HaveLimits(
        int maxTotalTrials, int? maxConcurrentTrials = null, string because = "", params object[] becauseArgs)
    {
        var expectation = maxConcurrentTrials is null
            ? $"run at most {maxTotalTrials} trials"
            : $"run at most {maxTotalTrials} trials, {maxConcurrentTrials} at a time";
        Check(expectation, s =>
            s.Limits.MaxTotalTrials == maxTotalTrials
                && (maxConcurrentTrials is null || s.Limits.MaxConcurrentTrials == maxConcurrentTrials)
                ? null
                : $"its limits are {Describe.Limits(s.Limits.MaxTotalTrials, s.Limits.MaxConcurrentTrials)}",
            because, becauseArgs);
        return new(this);
    }

    /// <summary>Asserts the trial's command template.</summary>
    /// <param name="expected">The command, e.g. <c>python 02_train.py --alpha ${{search_space.alpha}}</c>.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> HaveCommand(
        string expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Check($"run the command \"{expected}\"", s =>
            s.Trial.Command == expected ? null : $"it runs \"{s.Trial.Command}\"", because, becauseArgs);
        return new(this);
    }

    /// <summary>Asserts that the sweep has the input <paramref name="name"/>; chain <c>.From("prep", "data")</c> to
    /// assert what it is bound to.</summary>
    /// <param name="name">The input (<c>data</c>, or the script flag <c>--data</c>).</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>Assertions on the input's binding.</returns>
    [CustomAssertion]
    public InputBindingAssertions<SweepDefinitionAssertions> BindInput(
        string name, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.TrimStart('-');
        JobInput? input = null;
        Check($"have the input \"{key}\"", s => (input = s.Inputs.GetValueOrDefault(key)) is not null ? null
            : InputBindingAssertions<SweepDefinitionAssertions>.Missing(s.Inputs), because, becauseArgs);
        return new InputBindingAssertions<SweepDefinitionAssertions>(
            this, "sweep", "bind its input", key, input, Subject is null ? string.Empty
            : Describe.Yaml(_yamlLabel, Subject));
    }

    /// <summary>Asserts that the sweep passes validation for <paramref name="target"/> (no errors; warnings are
    /// allowed).</summary>
    /// <param name="target">Where it will run.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> BeValid(
        ValidationTarget target = ValidationTarget.Portable, string because = "", params object[] becauseArgs)
    {
        Check($"be valid for {target}", s =>
        {
            var errors = s.Validate(target).Where(p => p.Severity == ValidationSeverity.Error).ToList();
            return errors.Count == 0 ? null : "it has " + string.Join("; ", errors.Select(e => e.ToString()));
        }, because, becauseArgs);
        return new(this);
    }

    internal AndConstraint<SweepDefinitionAssertions> HaveObjective(
        Objective expected, string because, object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expected.PrimaryMetric);
        Check($"{Verb(expected.Goal)} \"{expected.PrimaryMetric}\"", s => s.Objective == expected
            ? null
            : s.Objective.PrimaryMetric.Length == 0 ? "it has no objective"
                : $"it {Verb(s.Objective.Goal)}s \"{s.Objective.PrimaryMetric}\"",
            because, becauseArgs);
        return new(this);
    }

    internal AndConstraint<SweepDefinitionAssertions> UseEarlyTermination(
        EarlyTerminationPolicy? expected, string because, object[] becauseArgs)
    {
        Check(expected is null ? "use no early termination" : $"use {Describe.Policy(expected)}", s =>
            Equals(s.EarlyTermination, expected)
            ? null
            : s.EarlyTermination is null ? "it uses no early termination"
                : $"it uses {Describe.Policy(s.EarlyTermination)}",
            because, becauseArgs);
        return new(this);
    }

    /// <summary>Fails with the expectation and the mismatch (and the YAML) when <paramref name="mismatch"/> returns
    /// text.</summary>
    internal void Check(string expectation, Func<SweepDefinition, string?> mismatch, string because,
        object[] becauseArgs)
    {
        if (Subject is null)
        {
            AssertionFailure.Fail("sweep", expectation, "found <null>", string.Empty, because, becauseArgs);
            return;
        }

        if (mismatch(Subject) is { } actual)
        {
            AssertionFailure.Fail("sweep", expectation, actual, Describe.Yaml(_yamlLabel, Subject), because,
                becauseArgs);
        }
    }

    private static string Verb(ObjectiveGoal goal) => goal == ObjectiveGoal.Maximize ? "maximize" : "minimize";
}
