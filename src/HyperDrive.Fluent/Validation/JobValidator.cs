namespace HyperDrive.Fluent.Validation;

/// <summary>The rules every standalone job shares.</summary>
internal static class JobValidator
{
    public static void ValidateCommon(JobDefinition job, ProblemCollector problems, ValidationTarget target)
    {
        if (job.Name is not null && !AzureNames.IsValidJobName(job.Name))
        {
            problems.Error("name", $"'{job.Name}' is not a valid job name.", "Start with a letter or digit and use only letters, digits, '-' and '_' (at most 255 characters).");
        }

        if (job is not PipelineDefinition && string.IsNullOrWhiteSpace(job.Compute))
        {
            problems.Requirement(target, "compute", "No compute is set.", "Set one, e.g. .Compute(\"cpu-cluster\").");
        }

        foreach (var name in job.Inputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error("inputs." + name, $"'{name}' is not a valid input name.", "Use letters, digits and underscores, starting with a letter or underscore.");
        }

        foreach (var name in job.Outputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error("outputs." + name, $"'{name}' is not a valid output name.", "Use letters, digits and underscores, starting with a letter or underscore.");
        }
    }
}
