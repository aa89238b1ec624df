using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Validation;

/// <summary>The rules of a command (a sweep's trial or a command step).</summary>
internal static class CommandValidator
{
    public static void ValidateComponent(
        CommandComponent component,
        string pathPrefix,
        ProblemCollector problems,
        ValidationTarget target,
        EquatableMap<JobInput> jobInputs,
        EquatableMap<JobOutput> jobOutputs,
        EquatableMap<Distribution>? searchSpace)
    {
        if (component.IsReference)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(component.Command))
        {
            problems.Error(
                pathPrefix + "command", "No command is set.",
                "Give the command to run, e.g. Sweep.For(\"train.py\") or \"python train.py --alpha " +
                "${{search_space.alpha}}\".");
        }

        // azure-ai-ml refuses component input and output names other than letters, digits and underscores
        // (entities/_component/component.py _validate_io_names, IOConstants.VALID_KEY_PATTERN); a name is also a folder
        // name locally, so "../x" or "/tmp/x" would put a trial's outputs outside its run folder.
        foreach (var name in component.Inputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error(pathPrefix + "inputs." + name, $"'{name}' is not a valid input name.",
                "Use letters, digits and underscores, starting with a letter or underscore.");
        }

        foreach (var name in component.Outputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error(pathPrefix + "outputs." + name, $"'{name}' is not a valid output name.",
                "Use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (component.InlineEnvironment is { } inline)
        {
            ValidateInlineEnvironment(component, inline, pathPrefix + "environment", problems);
        }
        else if (string.IsNullOrWhiteSpace(component.Environment))
        {
            problems.Requirement(target, pathPrefix + "environment", "No environment is set.",
                "Set one, e.g. .Environment(\"azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\") or " +
                ".Environment(image: \"mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\", " +
                "condaFile: \"conda.yml\").");
        }

        foreach (var placeholder in CommandTemplate.FindPlaceholders(component.Command))
        {
            if (placeholder.IsLegacy)
            {
                // A warning: azure-ai-ml rewrites it (map_single_brackets_and_warn) and so do the writers (REST gets
                // ${{...}}).
                problems.Warning(
                    pathPrefix + "command",
                    $"{placeholder.Text} uses the legacy single-brace placeholder form; it is sent as " +
                    $"${{{{{placeholder.Section}.{placeholder.Name}}}}}.",
                    $"Write ${{{{{placeholder.Section}.{placeholder.Name}}}}}.");
            }

            switch (placeholder.Section)
            {
                case "search_space" when searchSpace is null:
                    problems.Error(
                        pathPrefix + "command",
                        $"{placeholder.Text} refers to a search space, but this is not a sweep.",
                        "Remove the placeholder or make the step a sweep.");
                    break;
                case "search_space" when !searchSpace.ContainsKey(placeholder.Name):
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} names no search-space parameter.",
                        $"Add .Sample(\"{placeholder.Name}\", ...) or fix the name (parameters: " +
                        $"{List(searchSpace.Keys)}).");
                    break;
                case "inputs" when !jobInputs.ContainsKey(placeholder.Name)
                    && !component.Inputs.ContainsKey(placeholder.Name)
                                   && !(component.Inputs.Count > 0 && searchSpace is not null
                                       && searchSpace.ContainsKey(placeholder.Name)):
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} names no input.",
                        $"Add an input '{placeholder.Name}' or fix the name (inputs: " +
                        $"{List(jobInputs.Keys.Concat(component.Inputs.Keys))}).");
                    break;
                case "outputs" when !jobOutputs.ContainsKey(placeholder.Name)
                    && !component.Outputs.ContainsKey(placeholder.Name):
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} names no output.",
                        $"Add an output '{placeholder.Name}' or fix the name (outputs: " +
                        $"{List(jobOutputs.Keys.Concat(component.Outputs.Keys))}).");
                    break;
            }
        }

        if (component.Resources?.InstanceCount is < 1)
        {
            problems.Error(
                pathPrefix + "resources.instance_count", $"instance_count is {component.Resources.InstanceCount}.",
                "Use 1 or more nodes.");
        }
    }

    /// <summary>The rules of an inline environment, as azure-ai-ml's <c>Environment.validate</c>
    /// (entities/_assets/environment.py) holds them before anything is sent: a Docker image or a build context is
    /// required, and not both.</summary>
    private static void ValidateInlineEnvironment(CommandComponent component, EnvironmentDefinition inline, string path,
        ProblemCollector problems)
    {
        if (component.Environment is not null)
        {
            problems.Error(
                path, $"Both an environment reference ('{component.Environment}') and an inline environment are set.",
                "Keep one: the reference (Environment) or the definition (InlineEnvironment).");
        }

        if (string.IsNullOrWhiteSpace(inline.Image) && inline.Build is null)
        {
            // azure-ai-ml: "Docker image or Dockerfile is required for environments" (ValidationException,
            // MISSING_FIELD).
            problems.Error(path, "The inline environment has neither an image nor a build context.",
                "Give environment.image (e.g. mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04) or " +
                "environment.build.path.");
        }
        else if (!string.IsNullOrWhiteSpace(inline.Image) && inline.Build is not null)
        {
            // azure-ai-ml: "Docker image or Dockerfile should be provided not both" (ValidationException,
            // INVALID_VALUE).
            problems.Error(path, "The inline environment has both an image and a build context.",
                "Keep one of environment.image and environment.build.");
        }

        if (inline.Name is { } name && !string.Equals(name, AnonymousEnvironmentName, StringComparison.Ordinal))
        {
            // azure-ai-ml's AnonymousEnvironmentSchema drops name and version with the warning "the provided asset name
            // '...' will not be used for anonymous registration"; the service gets CliV2AnonymousEnvironment and a
            // content hash.
            problems.Warning(
                path + ".name",
                $"The inline environment's name '{name}' is not used: Azure ML registers an inline environment as " +
                $"{AnonymousEnvironmentName} with a content-hash version.",
                "Remove name and version, or register the environment (az ml environment create) and refer to it as " +
                "azureml:name:version.");
        }
    }

    /// <summary>The name Azure ML gives every inline environment (azure-ai-ml
    /// <c>constants._common.ANONYMOUS_ENV_NAME</c>).</summary>
    internal const string AnonymousEnvironmentName = "CliV2AnonymousEnvironment";

    private static string List(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
