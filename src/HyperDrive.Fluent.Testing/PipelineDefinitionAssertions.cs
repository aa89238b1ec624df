using FluentAssertions;
using FluentAssertions.Primitives;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Testing;

/// <summary>Assertions on a <see cref="PipelineDefinition"/>. Failure messages end with the compiled Azure ML YAML of
/// the part that differs (the step, or the whole pipeline).</summary>
public sealed class PipelineDefinitionAssertions : ReferenceTypeAssertions<PipelineDefinition?,
    PipelineDefinitionAssertions>
{
    /// <summary>Initializes assertions on <paramref name="subject"/>.</summary>
    /// <param name="subject">The pipeline.</param>
    public PipelineDefinitionAssertions(PipelineDefinition? subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "pipeline";

    /// <summary>Asserts that the pipeline has the step <paramref name="name"/>; chain <c>.ThatSweeps(...)</c>,
    /// <c>.ThatRunsCommand()</c> or <c>.BindInput(...)</c>.</summary>
    /// <param name="name">The step.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>Assertions on the step.</returns>
    [CustomAssertion]
    public PipelineStepAssertions HaveStep(string name, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        JobDefinition? step = null;
        Check($"have a step \"{name}\"", p => (step = p.Jobs.GetValueOrDefault(name)) is not null
            ? null
            : p.Jobs.Count == 0 ? "it has no steps"
                : $"it has only {string.Join(", ", p.Jobs.Keys.Select(k => $"\"{k}\""))}",
            because, becauseArgs);
        return new PipelineStepAssertions(this, name, step);
    }

    /// <summary>Asserts that the pipeline passes validation for <paramref name="target"/> (no errors).</summary>
    /// <param name="target">Where it will run.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<PipelineDefinitionAssertions> BeValid(
        ValidationTarget target = ValidationTarget.Portable, string because = "", params object[] becauseArgs)
    {
        Check($"be valid for {target}", p =>
        {
            var errors = p.Validate(target).Where(e => e.Severity == ValidationSeverity.Error).ToList();
            return errors.Count == 0 ? null : "it has " + string.Join("; ", errors.Select(e => e.ToString()));
        }, because, becauseArgs);
        return new(this);
    }

    /// <summary>Asserts that the pipeline registers the best model of <paramref name="stepName"/>'s output
    /// <paramref name="outputName"/> as <paramref name="modelName"/>.</summary>
    /// <param name="stepName">The sweep step.</param>
    /// <param name="outputName">Its output holding the model.</param>
    /// <param name="modelName">The model name.</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint for chaining.</returns>
    [CustomAssertion]
    public AndConstraint<PipelineDefinitionAssertions> RegisterBestModel(
        string stepName, string outputName, string modelName, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        Check($"register the output \"{outputName}\" of step \"{stepName}\" as the model \"{modelName}\"", p =>
            p.ModelRegistrations.Any(r => r.StepName == stepName && r.OutputName == outputName
                && r.ModelName == modelName)
                ? null
                : p.ModelRegistrations.Count == 0
                    ? "it registers no model"
                    : "it registers "
                        + string.Join(
                        ", ", p.ModelRegistrations.Select(r =>
                        $"\"{r.OutputName}\" of step \"{r.StepName}\" as \"{r.ModelName}\"")),
            because, becauseArgs);
        return new(this);
    }

    internal void Check(string expectation, Func<PipelineDefinition, string?> mismatch, string because,
        object[] becauseArgs)
    {
        if (Subject is null)
        {
            AssertionFailure.Fail("pipeline", expectation, "found <null>", string.Empty, because, becauseArgs);
            return;
        }

        if (mismatch(Subject) is { } actual)
        {
            AssertionFailure.Fail("pipeline", expectation, actual, Describe.Yaml("The pipeline", Subject), because,
                becauseArgs);
        }
    }
}
