using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Validation;

/// <summary>The rules of a pipeline: its own, its steps', and the bindings between them.</summary>
internal static class PipelineValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(PipelineDefinition pipeline, ValidationTarget target)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var problems = new ProblemCollector(string.Empty);
        JobValidator.ValidateCommon(pipeline, problems);
        if (pipeline.Jobs.Count == 0)
        {
            problems.Error("jobs", "The pipeline has no steps.", "Add a step with .Step(...) or .Sweep(...).");
        }

        foreach (var (name, job) in pipeline.Jobs)
        {
            var prefix = $"jobs.{name}.";
            if (!AzureNames.IsValidParameterName(name))
            {
                problems.Error("jobs." + name, $"'{name}' is not a valid step name.",
                    "Use letters, digits and underscores, starting with a letter or underscore.");
            }

            var stepTarget = target;
            if (target == ValidationTarget.AzureML && string.IsNullOrWhiteSpace(job.Compute)
                && string.IsNullOrWhiteSpace(pipeline.Settings.DefaultCompute))
            {
                problems.Error(prefix + "compute", "The step has no compute and the pipeline sets no default_compute.",
                    "Set the step's compute or settings.default_compute.");
            }

            switch (job)
            {
                case SweepDefinition sweep:
                    problems.Problems.AddRange(
                        SweepValidator.Validate(sweep, prefix, stepTarget, insidePipeline: true));
                    break;
                case CommandJobDefinition command:
                    problems.Problems.AddRange(
                        CommandJobValidator.Validate(command, prefix, insidePipeline: true, stepTarget));
                    break;
                default:
                    problems.Error("jobs." + name, $"A {job.JobType} job cannot be a pipeline step here.",
                        "Use command or sweep steps.");
                    break;
            }

            ValidateBindings(pipeline, name, job, problems);
        }

        try
        {
            PipelineGraph.Order(pipeline);
        }
        catch (HyperDriveValidationException ex)
        {
            problems.Problems.AddRange(ex.Problems);
        }

        for (var i = 0; i < pipeline.ModelRegistrations.Count; i++)
        {
            ValidateRegistration(pipeline, pipeline.ModelRegistrations[i], $"model_registrations[{i}]", problems);
        }

        return problems.Problems;
    }

    private static void ValidateBindings(PipelineDefinition pipeline, string stepName, JobDefinition job,
        ProblemCollector problems)
    {
        foreach (var (inputName, input) in job.Inputs)
        {
            if (input is not BindingInput binding)
            {
                continue;
            }

            var path = $"jobs.{stepName}.inputs.{inputName}";
            if (binding.Name is null)
            {
                problems.Error(path, $"'{binding.Expression}' is not a binding this library understands.",
                    "Use ${{parent.inputs.NAME}} or ${{parent.jobs.STEP.outputs.NAME}}.");
            }
            else if (binding.StepName is null && binding.Section == "inputs"
                && !pipeline.Inputs.ContainsKey(binding.Name))
            {
                problems.Error(path, $"'{binding.Expression}' names no pipeline input.",
                    $"Add a pipeline input '{binding.Name}' or fix the name.");
            }
            else if (binding.StepName is not null && !pipeline.Jobs.ContainsKey(binding.StepName))
            {
                problems.Error(path, $"'{binding.Expression}' names no step '{binding.StepName}'.",
                    $"Fix the step name (steps: {string.Join(", ", pipeline.Jobs.Keys)}).");
            }
            else if (binding.StepName is not null
                && string.Equals(binding.StepName, stepName, StringComparison.Ordinal))
            {
                problems.Error(path, $"'{binding.Expression}' binds the step to its own output.",
                    "Bind to another step's output.");
            }
            else if (binding.StepName is not null && !StepDeclaresOutput(pipeline.Jobs[binding.StepName], binding.Name))
            {
                problems.Error(
                    path, $"'{binding.Expression}': step '{binding.StepName}' declares no output '{binding.Name}'.",
                    $"Add an output '{binding.Name}' to step '{binding.StepName}' or fix the name.");
            }
        }
    }

    private static void ValidateRegistration(PipelineDefinition pipeline, ModelRegistration registration, string path,
        ProblemCollector problems)
    {
        if (!AzureNames.IsValidJobName(registration.ModelName))
        {
            problems.Error(path + ".model_name", $"'{registration.ModelName}' is not a valid model name.",
                "Start with a letter or digit and use only letters, digits, '-' and '_'.");
        }

        if (registration.StepName is null || !pipeline.Jobs.TryGetValue(registration.StepName, out var step))
        {
            problems.Error(path + ".step", $"The registration names no step '{registration.StepName}'.",
                "Name the sweep step whose best model to register.");
        }
        else if (!StepDeclaresOutput(step, registration.OutputName))
        {
            problems.Error(
                path + ".output", $"Step '{registration.StepName}' declares no output '{registration.OutputName}'.",
                "Name an output the step writes the model to.");
        }
    }

    internal static bool StepDeclaresOutput(JobDefinition step, string outputName) => step switch
    {
        SweepDefinition sweep => sweep.Outputs.ContainsKey(outputName) || sweep.Trial.Outputs.ContainsKey(outputName)
            || sweep.Trial.IsReference,
        CommandJobDefinition command => command.Outputs.ContainsKey(outputName)
            || command.Component.Outputs.ContainsKey(outputName) || command.Component.IsReference,
        _ => step.Outputs.ContainsKey(outputName),
    };
}
