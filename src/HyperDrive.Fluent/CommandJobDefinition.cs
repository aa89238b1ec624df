using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>A single command job, typically a step of a pipeline (YAML <c>type: command</c>).</summary>
public sealed record CommandJobDefinition : JobDefinition
{
    /// <inheritdoc />
    public override string JobType => "command";

    /// <summary>Gets what the job runs.</summary>
    public CommandComponent Component { get; init; } = new();

    /// <summary>Checks the job against Azure ML's rules.</summary>
    /// <param name="target">Where the job will run.</param>
    /// <returns>Every problem found.</returns>
    public IReadOnlyList<ValidationProblem> Validate(ValidationTarget target = ValidationTarget.Portable) =>
        CommandJobValidator.Validate(this, pathPrefix: string.Empty, insidePipeline: false, target);
}
