using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// Recognizes the pre-GA (2021 preview) CLI v2 sweep syntax (<c>type: sweep_job</c>, <c>algorithm</c>, top-level
/// <c>max_total_trials</c>, <c>code: {local_path}</c>, <c>trial.compute.target</c>, <c>inputs.x.data</c>,
/// <c>--</c>-prefixed search-space keys) and rejects it with the GA spelling of each key.
/// </summary>
internal static class LegacySyntaxDetector
{
    private const string GaSchema = "https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json";

    public static void ThrowIfLegacy(YamlNode root, YamlReadContext context)
    {
        if (root is not YamlMappingNode mapping)
        {
            return;
        }

        var findings = new List<(YamlNode Node, string Key, string Fix)>();
        Inspect(mapping, string.Empty, findings);
        if (Child(mapping, "jobs") is YamlMappingNode jobs)
        {
            foreach (var job in jobs.Children)
            {
                if (job.Value is YamlMappingNode node)
                {
                    Inspect(node, "jobs." + ((YamlScalarNode)job.Key).Value, findings);
                }
            }
        }

        if (findings.Count == 0)
        {
            return;
        }

        var first = findings.OrderBy(f => f.Node.Start.Line).ThenBy(f => f.Node.Start.Column).First();
        var fixes =
            string.Join(
            "; ", findings.OrderBy(f => f.Node.Start.Line).Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"line {f.Node.Start.Line}: {f.Fix}")));
        throw context.Error(
            first.Node,
            first.Key,
            "this file uses the pre-GA 2021 preview syntax of Azure ML CLI v2 sweep jobs, which the GA schema " +
                $"({GaSchema}) no longer accepts. Update it: {fixes}.");
    }

    private static void Inspect(YamlMappingNode job, string path, List<(YamlNode, string, string)> findings)
    {
        string P(string key) => YamlReadContext.Join(path, key);

        if (Child(job, "type") is YamlScalarNode { Value: "sweep_job" } type)
        {
            findings.Add((type, P("type"), "'type: sweep_job' is now 'type: sweep'"));
        }

        if (Key(job, "algorithm") is { } algorithm)
        {
            findings.Add((algorithm, P("algorithm"), "'algorithm' is now 'sampling_algorithm'"));
        }

        foreach (var limit in new[] { "max_total_trials", "max_concurrent_trials" })
        {
            if (Key(job, limit) is { } node)
            {
                findings.Add((node, P(limit), $"top-level '{limit}' is now 'limits.{limit}'"));
            }
        }

        if (Key(job, "timeout_minutes") is { } timeout)
        {
            findings.Add((timeout, P("timeout_minutes"), "'timeout_minutes' is now 'limits.timeout' (in seconds)"));
        }

        if (Child(job, "search_space") is YamlMappingNode space)
        {
            foreach (var entry in space.Children)
            {
                if (entry.Key is YamlScalarNode { Value: { } name } key
                    && name.StartsWith("--", StringComparison.Ordinal))
                {
                    findings.Add(
                        (key, P("search_space." + name),
                        $"search-space key '{name}' is now '{name.TrimStart('-')}' (no leading dashes; the command " +
                        $"uses ${{{{search_space.{name.TrimStart('-')}}}}})"));
                }
            }
        }

        InspectInputs(Child(job, "inputs") as YamlMappingNode, P("inputs"), findings);
        if (Child(job, "trial") is YamlMappingNode trial)
        {
            var trialPath = P("trial");
            if (Child(trial, "code") is YamlMappingNode code && Key(code, "local_path") is { } localPath)
            {
                findings.Add(
                    (localPath, trialPath + ".code.local_path", "'code: {local_path: src}' is now 'code: src'"));
            }

            if (Child(trial, "environment") is YamlMappingNode environment && Key(environment, "docker") is { } docker)
            {
                findings.Add(
                    (docker, trialPath + ".environment.docker",
                    "'environment.docker.image' is now 'environment.image', or refer to a registered environment " +
                    "(azureml:name:version)"));
            }

            if (Key(trial, "compute") is { } compute)
            {
                findings.Add(
                    (compute, trialPath + ".compute", "'trial.compute.target' is now the job's top-level 'compute'"));
            }

            InspectInputs(Child(trial, "inputs") as YamlMappingNode, trialPath + ".inputs", findings);
        }
    }

    private static void InspectInputs(YamlMappingNode? inputs, string path, List<(YamlNode, string, string)> findings)
    {
        if (inputs is null)
        {
            return;
        }

        foreach (var entry in inputs.Children)
        {
            if (entry.Value is not YamlMappingNode input)
            {
                continue;
            }

            var name = ((YamlScalarNode)entry.Key).Value;
            if (Key(input, "data") is { } data)
            {
                findings.Add(
                    (data, $"{path}.{name}.data",
                    $"'{name}: {{data: {{path}}, mode}}' is now the job's 'inputs.{name}: " +
                    $"{{type: uri_folder|uri_file, path, mode}}'"));
            }

            // mode: mount is not pre-GA only: azure-ai-ml still reads it (an input's mount is ReadOnlyMount), and so
            // does YamlJobIo.
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key)
    {
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode { Value: { } name } && name == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static YamlNode? Key(YamlMappingNode mapping, string key)
    {
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode { Value: { } name } && name == key)
            {
                return entry.Key;
            }
        }

        return null;
    }
}
