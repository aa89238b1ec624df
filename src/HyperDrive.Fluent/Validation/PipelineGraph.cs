using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Validation;

/// <summary>Orders a pipeline's steps by their bindings.</summary>
internal static class PipelineGraph
{
    public static IReadOnlyList<string> Order(PipelineDefinition pipeline)
    {
        var dependencies = pipeline.Jobs.ToDictionary(
            job => job.Key,
            job => job.Value.Inputs.Values.OfType<BindingInput>()
                .Select(b => b.StepName)
                .OfType<string>()
                .Where(s => pipeline.Jobs.ContainsKey(s) && !string.Equals(s, job.Key, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList(),
            StringComparer.Ordinal);

        var order = new List<string>(pipeline.Jobs.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        foreach (var name in pipeline.Jobs.Keys)
        {
            Visit(name, dependencies, state, order, []);
        }

        return order;
    }

    private static void Visit(string name, Dictionary<string, List<string>> dependencies, Dictionary<string,
        bool> state, List<string> order, List<string> path)
    {
        if (state.TryGetValue(name, out var done))
        {
            if (!done)
            {
                var cycle = string.Join(" -> ", path.SkipWhile(p => p != name).Append(name));
                throw new HyperDriveValidationException(
                    "The pipeline's steps depend on each other in a cycle.",
                    [new ValidationProblem(
                        ValidationSeverity.Error, $"jobs.{name}", $"The steps bind to each other in a cycle: {cycle}.",
                        "Remove one of the bindings so the steps can run in order.")]);
            }

            return;
        }

        state[name] = false;
        path.Add(name);
        foreach (var dependency in dependencies[name])
        {
            Visit(dependency, dependencies, state, order, path);
        }

        path.RemoveAt(path.Count - 1);
        state[name] = true;
        order.Add(name);
    }
}
