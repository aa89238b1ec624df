using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Cli;

/// <summary>Reads a job definition from an Azure ML YAML or REST JSON file.</summary>
internal static class DefinitionFile
{
    /// <summary>Reads <paramref name="path"/>: JSON when it ends in <c>.json</c> or starts with <c>{</c>, else YAML.</summary>
    /// <param name="path">The file.</param>
    /// <param name="jsonOptions">How to read REST JSON (the workspace maps compute ARM ids back to names).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AzureMLFormatException">The file is not a valid Azure ML job.</exception>
    public static async Task<JobDefinition> ReadAsync(string path, AzureMLJsonOptions? jsonOptions, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return IsJson(path, text)
            ? AzureMLJson.Read(text, path, jsonOptions)
            : AzureMLYaml.Read(text, new AzureMLYamlReadOptions { SourcePath = path });
    }

    private static bool IsJson(string path, string text) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('{');
}
