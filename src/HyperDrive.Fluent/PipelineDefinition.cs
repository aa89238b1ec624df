using HyperDrive.Fluent.Pipelines;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>
/// An immutable pipeline job whose steps are command jobs and sweeps (Azure ML: <c>type: pipeline</c>). Build one
/// with <see cref="Pipeline.Create(string)"/>.
/// </summary>
public sealed record PipelineDefinition : JobDefinition
{
    /// <inheritdoc />
    public override string JobType => "pipeline";

    /// <summary>Gets the steps by name, in declaration order: <see cref="SweepDefinition"/>s and
    /// <see cref="CommandJobDefinition"/>s.</summary>
    public EquatableMap<JobDefinition> Jobs { get; init; } = EquatableMap<JobDefinition>.Empty;

    /// <summary>Gets the pipeline settings.</summary>
    public PipelineSettings Settings { get; init; } = new();

    /// <summary>Gets the model registrations to perform when the pipeline completes (the seed's "register best model"
    /// step).</summary>
    public EquatableList<ModelRegistration> ModelRegistrations { get; init; } = EquatableList<ModelRegistration>.Empty;

    /// <summary>Gets the steps in an order where every step comes after the steps it binds to.</summary>
    /// <returns>The step names in dependency order.</returns>
    /// <exception cref="HyperDriveValidationException">The bindings form a cycle.</exception>
    public IReadOnlyList<string> GetExecutionOrder() => PipelineGraph.Order(this);

    /// <summary>Checks the pipeline and every step against Azure ML's rules.</summary>
    /// <param name="target">Where the pipeline will run; <see cref="ValidationTarget.AzureML"/> also requires
    /// environments and a compute.</param>
    /// <returns>Every problem found.</returns>
    public IReadOnlyList<ValidationProblem> Validate(ValidationTarget target = ValidationTarget.Portable) =>
        PipelineValidator.Validate(this, target);

    /// <summary>Throws when <see cref="Validate"/> finds any error.</summary>
    /// <param name="target">Where the pipeline will run.</param>
    /// <returns>This definition, for chaining.</returns>
    /// <exception cref="HyperDriveValidationException">The pipeline has at least one error; the message lists all of
    /// them.</exception>
    public PipelineDefinition EnsureValid(ValidationTarget target = ValidationTarget.Portable)
    {
        HyperDriveValidationException.ThrowIfErrors(Validate(target), "The pipeline definition is not valid.");
        return this;
    }
}
