using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Trials;

/// <summary>
/// An input bound to another value of the pipeline: <c>${{parent.inputs.NAME}}</c>,
/// <c>${{parent.outputs.NAME}}</c> or <c>${{parent.jobs.STEP.outputs.NAME}}</c>.
/// </summary>
public sealed partial record BindingInput : JobInput
{
    /// <summary>Initializes a new binding.</summary>
    /// <param name="expression">The binding expression, with its <c>${{ }}</c>.</param>
    public BindingInput(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        Expression = expression.Trim();
        var match = BindingPattern().Match(Expression);
        if (match.Success)
        {
            StepName = match.Groups["step"].Success ? match.Groups["step"].Value : null;
            Section = match.Groups["section"].Value;
            Name = match.Groups["name"].Value;
        }
    }

    /// <summary>A binding to the output <paramref name="outputName"/> of the step
    /// <paramref name="stepName"/>.</summary>
    /// <param name="stepName">The producing step.</param>
    /// <param name="outputName">Its output.</param>
    /// <returns>The binding.</returns>
    public static BindingInput ToStepOutput(string stepName, string outputName) =>
        new($"${{{{parent.jobs.{stepName}.outputs.{outputName}}}}}");

    /// <summary>A binding to the pipeline input <paramref name="inputName"/>.</summary>
    /// <param name="inputName">The pipeline input.</param>
    /// <returns>The binding.</returns>
    public static BindingInput ToPipelineInput(string inputName) => new($"${{{{parent.inputs.{inputName}}}}}");

    /// <summary>Gets the expression as written.</summary>
    public string Expression { get; }

    /// <summary>Gets the producing step when the binding names one (<c>parent.jobs.STEP.outputs.NAME</c>).</summary>
    public string? StepName { get; }

    /// <summary>Gets <c>inputs</c> or <c>outputs</c> when the expression is a recognized binding, else
    /// <see langword="null"/>.</summary>
    public string? Section { get; }

    /// <summary>Gets the bound input or output name when the expression is a recognized binding.</summary>
    public string? Name { get; }

    [GeneratedRegex(
        @"^\$\{\{\s*parent\.(?:jobs\.(?<step>[A-Za-z0-9_\-]+)\.)?" +
        @"(?<section>inputs|outputs)\.(?<name>[A-Za-z0-9_\-]+)\s*\}\}$")]
    private static partial Regex BindingPattern();
}
