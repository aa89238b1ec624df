namespace HyperDrive.Fluent.Validation;

/// <summary>The rules of a command job.</summary>
internal static class CommandJobValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(
        CommandJobDefinition job, string pathPrefix, bool insidePipeline, ValidationTarget target =
        ValidationTarget.Portable)
    {
        var problems = new ProblemCollector(pathPrefix);
        if (!insidePipeline)
        {
            JobValidator.ValidateCommon(job, problems);
        }

        CommandValidator.ValidateComponent(job.Component, string.Empty, problems, target, job.Inputs, job.Outputs,
            searchSpace: null);
        return problems.Problems;
    }
}
