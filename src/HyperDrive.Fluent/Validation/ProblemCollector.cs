namespace HyperDrive.Fluent.Validation;

/// <summary>Collects problems under a path prefix (<c>jobs.tune.</c> inside pipelines).</summary>
internal sealed class ProblemCollector(string prefix)
{
    public List<ValidationProblem> Problems { get; } = [];

    public string Prefix { get; } = prefix;

    public void Error(string path, string message, string fix) =>
        Problems.Add(new ValidationProblem(ValidationSeverity.Error, Prefix + path, message, fix));

    public void Warning(string path, string message, string fix) =>
        Problems.Add(new ValidationProblem(ValidationSeverity.Warning, Prefix + path, message, fix));

    public void Requirement(ValidationTarget target, string path, string message, string fix)
    {
        if (target == ValidationTarget.AzureML)
        {
            Error(path, message, fix);
        }
        else
        {
            Warning(path, message + " (Azure ML requires it; the local engine does not.)", fix);
        }
    }
}
