using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Cli;

/// <summary>Reads a job definition from an Azure ML YAML or REST JSON file.</summary>
internal static class DefinitionFile
{
    /// <summary>Reads <paramref name="path"/>: JSON when it ends in <c>.json</c> or starts with <c>{</c>, else
    /// YAML.</summary>
    /// <param name="path">The file.</param>
    /// <param name="jsonOptions">How to read REST JSON (the workspace maps compute ARM ids back to names).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AzureMLFormatException">The file is not a valid Azure ML job.</exception>
    public static async Task<JobDefinition> ReadAsync(
        string path, AzureMLJsonOptions? jsonOptions, CancellationToken cancellationToken) =>
        (await ReadWithNoticesAsync(path, jsonOptions, cancellationToken).ConfigureAwait(false)).Definition;

    /// <summary>Reads <paramref name="path"/> like <see cref="ReadAsync"/>, with what a REST JSON body held that the
    /// definition does not carry
    /// (<see cref="AzureMLJson.Read(string, out IReadOnlyList{Validation.ValidationProblem}, string?,
    /// AzureMLJsonOptions?)"/>; none for YAML).</summary>
    /// <param name="path">The file.</param>
    /// <param name="jsonOptions">How to read REST JSON.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The definition and the notices.</returns>
    public static async Task<(
        JobDefinition Definition, IReadOnlyList<Validation.ValidationProblem> Notices)> ReadWithNoticesAsync(
        string path, AzureMLJsonOptions? jsonOptions, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        if (IsJson(path, text))
        {
            var job = AzureMLJson.Read(text, out var notices, path, jsonOptions);
            return (job, notices);
        }

        return (AzureMLYaml.Read(text, new AzureMLYamlReadOptions { SourcePath = path }), []);
    }

    /// <summary>Reads <paramref name="path"/> like <see cref="ReadAsync"/>, or writes <c>error: …</c> (the file, line
    /// and key the reader names) to the tool's error stream.</summary>
    /// <param name="context">Where the error goes.</param>
    /// <param name="path">The file.</param>
    /// <param name="jsonOptions">How to read REST JSON.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The definition, or <see langword="null"/> when the file is missing or not a valid Azure ML job (exit
    /// 1).</returns>
    public static async Task<JobDefinition?> TryReadAsync(
        CliContext context, string path, AzureMLJsonOptions? jsonOptions, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(path, jsonOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (AzureMLFormatException ex)
        {
            // One line per problem: the reader lists every unknown key and wrong value of the file at once.
            foreach (var problem in ex.Problems)
            {
                await context.Error.WriteLineAsync($"error: {CliAdvice.Text(problem.Message)}").ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or IOException)
        {
            await context.Error.WriteLineAsync($"error: {CliAdvice.Text(ex.Message)}").ConfigureAwait(false);
            return null;
        }
    }

    private static bool IsJson(string path, string text) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('{');
}
