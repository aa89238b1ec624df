namespace HyperDrive.Fluent.Validation;

/// <summary>One problem found in a definition.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Path">Where, in Azure ML YAML terms: <c>search_space.alpha</c>, <c>limits.max_total_trials</c>,
/// <c>jobs.tune.trial.command</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record ValidationProblem(ValidationSeverity Severity, string Path, string Message, string Fix)
{
    /// <summary>Gets whether this problem is an error.</summary>
    public bool IsError => Severity == ValidationSeverity.Error;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(IsError ? "error" : "warning")} {Path}: {Message} Fix: {Fix}";
}
