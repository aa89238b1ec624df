using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Validation;

/// <summary>The rules every standalone job shares.</summary>
internal static class JobValidator
{
    public static void ValidateCommon(JobDefinition job, ProblemCollector problems)
    {
        if (job.Name is not null && !AzureNames.IsValidJobName(job.Name))
        {
            problems.Error(
                "name", $"'{job.Name}' is not a valid job name.",
                "Start with a letter or digit and use only letters, digits, '-' and '_' (at most 255 characters).");
        }

        // No compute is not a problem, for Azure ML either: the service runs command, sweep and AutoML jobs without a
        // compute target on serverless compute (docs: how-to-use-serverless-compute, "If no compute target is specified
        // for command, sweep, and AutoML jobs, the compute defaults to serverless compute"; azureml-examples'
        // hello-sweep has had no compute since 2024-02).
        foreach (var name in job.Inputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error("inputs." + name, $"'{name}' is not a valid input name.",
                "Use letters, digits and underscores, starting with a letter or underscore.");
        }

        // Delivery modes per direction, as the REST enums have them (InputDeliveryMode: ReadOnlyMount, ReadWriteMount,
        // Download, Direct, EvalMount, EvalDownload; OutputDeliveryMode: ReadWriteMount, Upload, Direct): any other
        // value breaks the body's enum, so the service cannot accept it.
        foreach (var (name, input) in job.Inputs)
        {
            if (input is AssetInput { Mode: AssetMode.Upload })
            {
                problems.Error("inputs." + name + ".mode", "An input cannot be delivered with mode upload.",
                    "Use ro_mount, rw_mount, download, direct, eval_mount or eval_download.");
            }
        }

        foreach (var (name, output) in job.Outputs)
        {
            if (output.Mode is { } mode
                && mode is not (AssetMode.ReadWriteMount or AssetMode.Upload or AssetMode.Direct))
            {
                problems.Error(
                    "outputs." + name + ".mode", $"An output cannot be delivered with mode {WireNames.ToYaml(mode)}.",
                    "Use rw_mount, upload or direct.");
            }
        }

        foreach (var name in job.Outputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error("outputs." + name, $"'{name}' is not a valid output name.",
                "Use letters, digits and underscores, starting with a letter or underscore.");
        }
    }
}
