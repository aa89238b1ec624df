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
            problems.Error(pathPrefix + "command", "No command is set.", "Give the command to run, e.g. Sweep.For(\"train.py\") or \"python train.py --alpha ${{search_space.alpha}}\".");
        }

        // azure-ai-ml refuses component input and output names other than letters, digits and underscores
        // (entities/_component/component.py _validate_io_names, IOConstants.VALID_KEY_PATTERN); a name is also a folder
        // name locally, so "../x" or "/tmp/x" would put a trial's outputs outside its run folder.
        foreach (var name in component.Inputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error(pathPrefix + "inputs." + name, $"'{name}' is not a valid input name.", "Use letters, digits and underscores, starting with a letter or underscore.");
        }

        foreach (var name in component.Outputs.Keys.Where(n => !AzureNames.IsValidParameterName(n)))
        {
            problems.Error(pathPrefix + "outputs." + name, $"'{name}' is not a valid output name.", "Use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (string.IsNullOrWhiteSpace(component.Environment))
        {
            problems.Requirement(target, pathPrefix + "environment", "No environment is set.", "Set one, e.g. .Environment(\"azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\").");
        }

        foreach (var placeholder in CommandTemplate.FindPlaceholders(component.Command))
        {
            if (placeholder.IsLegacy)
            {
                // A warning: azure-ai-ml rewrites it (map_single_brackets_and_warn) and so do the writers (REST gets ${{...}}).
                problems.Warning(pathPrefix + "command", $"{placeholder.Text} uses the legacy single-brace placeholder form; it is sent as ${{{{{placeholder.Section}.{placeholder.Name}}}}}.", $"Write ${{{{{placeholder.Section}.{placeholder.Name}}}}}.");
            }

            switch (placeholder.Section)
            {
                case "search_space" when searchSpace is null:
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} refers to a search space, but this is not a sweep.", "Remove the placeholder or make the step a sweep.");
                    break;
                case "search_space" when !searchSpace.ContainsKey(placeholder.Name):
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} names no search-space parameter.", $"Add .Sample(\"{placeholder.Name}\", ...) or fix the name (parameters: {List(searchSpace.Keys)}).");
                    break;
                case "inputs" when !jobInputs.ContainsKey(placeholder.Name) && !component.Inputs.ContainsKey(placeholder.Name)
                                   && !(component.Inputs.Count > 0 && searchSpace is not null && searchSpace.ContainsKey(placeholder.Name)):
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} names no input.", $"Add an input '{placeholder.Name}' or fix the name (inputs: {List(jobInputs.Keys.Concat(component.Inputs.Keys))}).");
                    break;
                case "outputs" when !jobOutputs.ContainsKey(placeholder.Name) && !component.Outputs.ContainsKey(placeholder.Name):
                    problems.Error(pathPrefix + "command", $"{placeholder.Text} names no output.", $"Add an output '{placeholder.Name}' or fix the name (outputs: {List(jobOutputs.Keys.Concat(component.Outputs.Keys))}).");
                    break;
            }
        }

        if (component.Resources?.InstanceCount is < 1)
        {
            problems.Error(pathPrefix + "resources.instance_count", $"instance_count is {component.Resources.InstanceCount}.", "Use 1 or more nodes.");
        }
    }

    private static string List(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
