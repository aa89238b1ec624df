using HyperDrive.Fluent.Serialization.Yaml;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Serialization;

/// <summary>
/// Reads and writes Azure ML CLI v2 YAML job files (<c>type: sweep</c>, <c>type: command</c>, <c>type: pipeline</c>
/// with sweep and command steps).
/// </summary>
/// <remarks>
/// <para>Reading accepts the GA CLI v2 schema: every key of the sweep job reference, sampling algorithms as a name or a
/// mapping, all ten distributions (choice values may be mappings holding nested distributions), early termination
/// policies (an absent <c>evaluation_interval</c> means 1, an absent <c>delay_evaluation</c> 0), limits in seconds,
/// inputs (literals, <c>{value}</c>, <c>{type, path, mode}</c>, bindings <c>${{parent...}}</c>), outputs, and trials or
/// steps given inline, as a component file (<c>./train.yml</c>, <c>file:./train.yml</c>, read relative to the YAML
/// file) or as a registered component (<c>azureml:name:version</c>, kept as a reference). Legacy
/// <c>{search_space.x}</c> placeholders in commands are kept as written.</para>
/// <para>Every problem is an <see cref="AzureMLFormatException"/> naming the file, line and key: YAML syntax errors
/// (such as bad indentation), merge-conflict markers, unknown keys (with the closest valid key), values of the wrong
/// type, unknown names (listing the valid ones), the pre-GA 2021 preview syntax (with the GA spelling of each key), and
/// missing component files (unless <see cref="AzureMLYamlReadOptions.MissingComponentFile"/> says to keep them).</para>
/// <para>Writing produces the CLI v2 shape: <c>$schema</c>, <c>type</c>, snake_case keys in a fixed order, values with
/// their YAML type (strings that would read as another type are quoted; reals always carry a decimal point and
/// round-trip), component files and registered components written back as references. Reading what was written gives an
/// equal definition. Nothing is dropped silently: settings with no place in CLI v2 YAML
/// (<see cref="SweepDefinition.MetricPatterns"/>, <see cref="SweepDefinition.RegisterBestModel"/>,
/// <see cref="PipelineDefinition.ModelRegistrations"/>, <see cref="SweepDefinition.WarmStart"/>) are not written, and
/// each is a warning (<see cref="Write(JobDefinition, out IReadOnlyList{ValidationProblem})"/>) and a <c># not written:
/// ...</c> comment at the top of the text; a sweep whose trials are an in-process delegate, which YAML cannot express
/// at all, is refused.</para>
/// </remarks>
public static class AzureMLYaml
{
    /// <summary>Reads a job from YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <returns>A <see cref="SweepDefinition"/>, <see cref="CommandJobDefinition"/> or
    /// <see cref="PipelineDefinition"/>.</returns>
    /// <exception cref="AzureMLFormatException">The text is not a valid CLI v2 job; the message names the file, line
    /// and key.</exception>
    public static JobDefinition Read(string yaml, AzureMLYamlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        options ??= new AzureMLYamlReadOptions();
        return YamlJob.Read(yaml, options.SourcePath, options);
    }

    /// <summary>Reads a job from a YAML file; relative component files resolve against the file's folder.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The options; their <see cref="AzureMLYamlReadOptions.SourcePath"/> is replaced by
    /// <paramref name="path"/>.</param>
    /// <returns>The job.</returns>
    /// <exception cref="AzureMLFormatException">The file is not a valid CLI v2 job.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static JobDefinition ReadFile(string path, AzureMLYamlReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fileOptions = ForFile(path, options);
        fileOptions.Limits.ThrowIfTooLarge(new FileInfo(path).Length, path);
        return Read(File.ReadAllText(path), fileOptions);
    }

    /// <summary>Reads a job from a YAML file asynchronously (component files it references are read
    /// synchronously).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The options; their <see cref="AzureMLYamlReadOptions.SourcePath"/> is replaced by
    /// <paramref name="path"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The job.</returns>
    /// <exception cref="AzureMLFormatException">The file is not a valid CLI v2 job.</exception>
    public static async Task<JobDefinition> ReadFileAsync(
        string path, AzureMLYamlReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fileOptions = ForFile(path, options);
        fileOptions.Limits.ThrowIfTooLarge(new FileInfo(path).Length, path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(text, fileOptions);
    }

    /// <summary>Writes a job as CLI v2 YAML; what YAML has no key for is named in <c># not written: ...</c> comments at
    /// the top.</summary>
    /// <param name="definition">The job.</param>
    /// <returns>The YAML text ('\n' line ends).</returns>
    /// <exception cref="ArgumentException">The definition holds something CLI v2 YAML cannot express (a sweep whose
    /// trials are an in-process delegate, a pipeline inside a pipeline, a trial that both refers to a registered
    /// component and defines a command).</exception>
    public static string Write(JobDefinition definition) => Write(definition, out _);

    /// <summary>Writes a job as CLI v2 YAML and says what was left out.</summary>
    /// <param name="definition">The job.</param>
    /// <param name="warnings">Receives one warning per setting the YAML does not carry (a best-model registration, a
    /// <c>MetricFromOutput</c> pattern, a warm start), each naming where it is, what was left out and how to keep it;
    /// empty when the YAML holds the whole definition. The text starts with the same warnings as comments.</param>
    /// <returns>The YAML text ('\n' line ends).</returns>
    /// <exception cref="ArgumentException">The definition holds something CLI v2 YAML cannot express (see
    /// <see cref="Write(JobDefinition)"/>).</exception>
    public static string Write(JobDefinition definition, out IReadOnlyList<ValidationProblem> warnings)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return YamlJob.Write(definition, out warnings);
    }

    /// <summary>Writes a job to a YAML file atomically (a temporary file in the same folder, then renamed over
    /// <paramref name="path"/>).</summary>
    /// <param name="definition">The job.</param>
    /// <param name="path">The file to create or replace.</param>
    public static void WriteFile(JobDefinition definition, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        IO.AtomicFile.WriteAllText(path, Write(definition));
    }

    /// <summary>Writes a job to a YAML file atomically and asynchronously.</summary>
    /// <param name="definition">The job.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="cancellationToken">Cancels the write; the target file is then left as it was.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static async Task WriteFileAsync(
        JobDefinition definition, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await IO.AtomicFile.WriteAllTextAsync(path, Write(definition), cancellationToken).ConfigureAwait(false);
    }

    private static AzureMLYamlReadOptions ForFile(string path, AzureMLYamlReadOptions? options) => new()
    {
        SourcePath = path,
        MissingComponentFile = options?.MissingComponentFile ?? MissingComponentFileBehavior.Error,
        Limits = options?.Limits ?? AzureMLReadLimits.Default,
    };
}
