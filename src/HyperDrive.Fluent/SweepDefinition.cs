using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>
/// An immutable hyperparameter sweep (Azure ML: a sweep job, or a sweep node of a pipeline). Build one with
/// <see cref="Sweep.For(string)"/>, or read one with <c>AzureMLYaml</c> / <c>AzureMLJson</c> (namespace
/// <c>HyperDrive.Fluent.Serialization</c>).
/// </summary>
public sealed record SweepDefinition : JobDefinition
{
    /// <inheritdoc />
    public override string JobType => "sweep";

    /// <summary>Gets the search space: parameter name (no <c>--</c>) to distribution, in declaration order.</summary>
    public EquatableMap<Distribution> SearchSpace { get; init; } = EquatableMap<Distribution>.Empty;

    /// <summary>Gets the sampling algorithm.</summary>
    /// <value>The default value is random sampling.</value>
    public SamplingAlgorithm SamplingAlgorithm { get; init; } = new RandomSampling();

    /// <summary>Gets the objective.</summary>
    public Objective Objective { get; init; } = new(ObjectiveGoal.Maximize, string.Empty);

    /// <summary>Gets the early termination policy, or <see langword="null"/> for none.</summary>
    public EarlyTerminationPolicy? EarlyTermination { get; init; }

    /// <summary>Gets the limits.</summary>
    public SweepLimits Limits { get; init; } = new();

    /// <summary>Gets what each trial runs.</summary>
    public CommandComponent Trial { get; init; } = new();

    /// <summary>Gets the extra ways the local engine reads metrics from a trial's output
    /// (<c>MetricFromOutput</c>).</summary>
    public EquatableList<MetricPattern> MetricPatterns { get; init; } = EquatableList<MetricPattern>.Empty;

    /// <summary>Gets the delegate each trial runs in this process
    /// (<see cref="Sweep.For(Func{Engines.TrialContext, CancellationToken, Task})"/>), or <see langword="null"/> when
    /// trials run <see cref="CommandComponent.Command"/>. Only the local engine runs it; Azure ML cannot (validation
    /// for <see cref="ValidationTarget.AzureML"/> reports it).</summary>
    public Func<Engines.TrialContext, CancellationToken, Task>? InProcessTrial { get; init; }

    /// <summary>Gets the best-model registration to perform when the sweep completes, if any.</summary>
    public ModelRegistration? RegisterBestModel { get; init; }

    /// <summary>Gets the earlier trials that seed the sweep (local engine only; Azure ML v2 has no warm start), or
    /// <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public WarmStart? WarmStart { get; init; }

    /// <summary>Checks the definition against Azure ML's rules.</summary>
    /// <param name="target">Where the definition will run; <see cref="ValidationTarget.AzureML"/> also requires an
    /// environment and a compute.</param>
    /// <returns>Every problem found (errors and warnings); empty when the definition is valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(ValidationTarget target = ValidationTarget.Portable) =>
        WarmStart is null
            ? SweepValidator.Validate(this, pathPrefix: string.Empty, target)
            : [.. SweepValidator.Validate(this, pathPrefix: string.Empty, target), .. WarmStart.Check(
                SearchSpace, Objective)];

    /// <summary>Throws when <see cref="Validate"/> finds any error.</summary>
    /// <param name="target">Where the definition will run.</param>
    /// <returns>This definition, for chaining.</returns>
    /// <exception cref="HyperDriveValidationException">The definition has at least one error; the message lists all of
    /// them.</exception>
    public SweepDefinition EnsureValid(ValidationTarget target = ValidationTarget.Portable)
    {
        HyperDriveValidationException.ThrowIfErrors(Validate(target), "The sweep definition is not valid.");
        return this;
    }
}
