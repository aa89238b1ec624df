namespace HyperDrive.Fluent.Validation;

/// <summary>The rules every standalone job shares.</summary>
internal static class JobValidator
{
    public static void ValidateCommon(JobDefinition job, ProblemCollector problems)
    {
        if (job.Name is not null && !AzureNames.IsValidJobName(job.Name))
        {
            problems.Error("name", $"'{job.Name}' is not a valid job name.", "Start with a letter or digit and use only letters, digits, '-' and '_' (at most 255 characters).");
        }

        // No compute is not a problem, for Azure ML either: the service runs command, sweep and AutoML jobs without a
        // compute target on serverless compute (docs: how-to-use-serverless-compute, "If no compute target is specified
        // for command, sweep, and AutoML jobs, the compute defaults to serverless compute"; azureml-examples' hello-sweep
        // has had no compute since 2024-02).
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
