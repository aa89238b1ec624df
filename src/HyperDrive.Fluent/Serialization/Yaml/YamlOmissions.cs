using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// What a definition holds that CLI v2 YAML has no key for, so the YAML writer can say what it left out instead of
/// dropping it silently: best-model registrations (a sweep's <see cref="SweepDefinition.RegisterBestModel"/>, a
/// pipeline's <see cref="PipelineDefinition.ModelRegistrations"/>), <see cref="SweepDefinition.MetricPatterns"/> and
/// <see cref="SweepDefinition.WarmStart"/>, and what a job read from REST carries that the CLI's job schema has no key
/// for: <see cref="JobDefinition.IsArchived"/> and <see cref="JobDefinition.Notifications"/> (azure-ai-ml's job schemas
/// have neither; <c>NotificationSchema</c> is used only by feature-set materialization). Each is a warning (path, what,
/// and how to keep it); the written text starts with the same lines as comments.
/// </summary>
internal static class YamlOmissions
{
    public static IReadOnlyList<ValidationProblem> Find(JobDefinition definition)
    {
        var found = new List<ValidationProblem>();
        Collect(definition, string.Empty, found);
        return found;
    }

    /// <summary>The omissions as YAML comment lines (each ending in '\n'), or an empty string when there are
    /// none.</summary>
    public static string AsComments(IReadOnlyList<ValidationProblem> omissions) =>
        string.Concat(omissions.Select(p => $"# not written: {p.Path}: {p.Message} {p.Fix}\n"));

    private static void Collect(JobDefinition definition, string prefix, List<ValidationProblem> found)
    {
        if (definition.IsArchived)
        {
            found.Add(Warning(
                Join(prefix, "is_archived"),
                "the job is archived (REST isArchived: true), which CLI v2 YAML has no key for; a job created from " +
                    "this YAML is not archived.",
                "Archive it after creating it (az ml job archive --name NAME), or keep the REST JSON."));
        }

        if (definition.Notifications is { } notifications)
        {
            found.Add(Warning(
                Join(prefix, "notification_setting"),
                $"the job emails {string.Join(", ", notifications.Emails)} on " +
                    $"{string.Join(", ", notifications.EmailOn)} (REST notificationSetting), which CLI v2 YAML has " +
                    "no key for; a job created from this YAML sends no email.",
                "Keep the REST JSON (hyperdrive convert --to rest-json, hyperdrive submit read it), or set the " +
                    "notification in Studio."));
        }

        switch (definition)
        {
            case SweepDefinition sweep:
                if (sweep.RegisterBestModel is { } registration)
                {
                    found.Add(Warning(
                        prefix,
                        $"RegisterBestModel (model '{registration.ModelName}' from the best trial's output " +
                            $"'{registration.OutputName}') has no CLI v2 YAML key; the YAML job will not register it.",
                        $"Submit it with 'hyperdrive submit --wait --register-best {registration.ModelName}', or run " +
                            "the C# definition (both engines register it)."));
                }

                foreach (var pattern in sweep.MetricPatterns)
                {
                    found.Add(Warning(
                        prefix,
                        $"MetricFromOutput(\"{pattern.MetricName}\", ...) has no CLI v2 YAML key (Azure ML reads " +
                            $"metrics from MLflow only); the YAML job will not read {pattern.MetricName} from the " +
                            "output.",
                        $"Log it with mlflow.log_metric(\"{pattern.MetricName}\", value) in the script."));
                }

                if (sweep.WarmStart is { } warmStart)
                {
                    found.Add(Warning(
                        prefix,
                        $"WarmStart ({warmStart.Trials.Count} earlier trials) has no CLI v2 YAML key (Azure ML v2 " +
                            "sweeps have no warm start); the YAML job starts cold.",
                        "Run it with the local engine (hyperdrive run --warm-start) to use the earlier trials."));
                }

                break;
            case PipelineDefinition pipeline:
                foreach (var registered in pipeline.ModelRegistrations)
                {
                    var step = registered.StepName is { } name ? $"jobs.{name}" : "jobs";
                    found.Add(Warning(
                        prefix.Length == 0 ? step : $"{prefix}.{step}",
                        $"RegisterBestModel(\"{registered.StepName}\", \"{registered.OutputName}\", " +
                            $"\"{registered.ModelName}\") has no CLI v2 YAML key; the YAML pipeline will not " +
                            $"register model '{registered.ModelName}'.",
                        "Run the C# definition with the local engine (it registers the model), or register the best " +
                            "trial's output after the pipeline (az ml model create)."));
                }

                foreach (var (name, step) in pipeline.Jobs)
                {
                    Collect(step, prefix.Length == 0 ? $"jobs.{name}" : $"{prefix}.jobs.{name}", found);
                }

                break;
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    private static ValidationProblem Warning(string path, string message, string fix) =>
        new(ValidationSeverity.Warning, path.Length == 0 ? "<root>" : path, message, fix);
}
