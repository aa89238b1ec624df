using System.Text;
using System.Text.Json;
using HyperDrive.Fluent.Serialization.Json;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Serialization;

/// <summary>
/// Writes and reads Azure ML jobs as ARM REST JSON: the body of <c>PUT
/// .../workspaces/{ws}/jobs/{name}?api-version=...</c> (<c>{"properties": {...}}</c>) and the service's responses.
/// </summary>
/// <remarks>
/// <para>The writer follows the REST contract exactly: camelCase names, PascalCase discriminators (<c>jobType:
/// Sweep</c>, <c>policyType: Bandit</c>), the list encoding of search spaces (<c>{"alpha": ["uniform", [0.05,
/// 1.0]]}</c>, <c>["choice", [[1, 2]]]</c>), ISO-8601 durations (sweep and trial timeouts as azure-ai-ml's
/// <c>job_limits.py</c> sends them: under 60 s becomes 60 s, anything else exact), literal inputs as strings. Reals
/// keep a fraction (<c>1.0</c>), so a written definition reads back equal.</para>
/// <para>A trial's local code folder has no REST form: give its uploaded code asset id in
/// <see cref="AzureMLJsonOptions.CodeIds"/> (the Azure engine uploads it and does this) or choose
/// <see cref="LocalCodeHandling.Omit"/>; otherwise writing throws <see cref="InvalidOperationException"/> naming
/// <c>trial.code</c>.</para>
/// <para>Not in the body, because Azure ML jobs have no such fields: the job name (the URL's <c>{name}</c>; see
/// <see cref="AzureMLJsonOptions.IncludeName"/>), <see cref="SweepDefinition.MetricPatterns"/> (local engine),
/// <see cref="SweepDefinition.RegisterBestModel"/> and <see cref="PipelineDefinition.ModelRegistrations"/> (the engine
/// registers the model after the job), and the file a component was read from.</para>
/// </remarks>
public static class AzureMLJson
{
    /// <summary>The api-version the options default to.</summary>
    public const string DefaultApiVersion = AzureMLJsonOptions.DefaultApiVersion;

    /// <summary>Writes the ARM body of a job.</summary>
    /// <param name="definition">A sweep, command job or pipeline.</param>
    /// <param name="options">The options; <see cref="AzureMLJsonOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The JSON text (indented unless <see cref="AzureMLJsonOptions.Indented"/> is
    /// <see langword="false"/>).</returns>
    /// <exception cref="InvalidOperationException">The definition has a part REST cannot carry (a local code folder
    /// with no code id, a registered trial component of a stand-alone sweep); the message names the field and the
    /// fix.</exception>
    public static string Write(JobDefinition definition, AzureMLJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= AzureMLJsonOptions.Default;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = options.Indented }))
        {
            Write(writer, definition, options);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the ARM body of a job to <paramref name="writer"/> (nothing is written when it
    /// throws).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="definition">A sweep, command job or pipeline.</param>
    /// <param name="options">The options; <see cref="AzureMLJsonOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">The definition has a part REST cannot carry; the message names the
    /// field and the fix.</exception>
    public static void Write(Utf8JsonWriter writer, JobDefinition definition, AzureMLJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(definition);
        options ??= AzureMLJsonOptions.Default;

        // Write to a scratch buffer first so that a definition REST cannot carry leaves the caller's writer untouched.
        using var buffer = new MemoryStream();
        using (var scratch = new Utf8JsonWriter(
            buffer, new JsonWriterOptions { Indented = writer.Options.Indented, Encoder = writer.Options.Encoder }))
        {
            new RestJobWriter(options).WriteDocument(scratch, definition);
        }

        writer.WriteRawValue(buffer.ToArray(), skipInputValidation: true);
    }

    /// <summary>Reads a job from its ARM body, a bare properties object, or a GET response.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourcePath">The file it came from, for error messages.</param>
    /// <param name="options">The options (only <see cref="AzureMLJsonOptions.WorkspaceId"/> matters when
    /// reading).</param>
    /// <returns>The job: a <see cref="SweepDefinition"/>, <see cref="CommandJobDefinition"/> or
    /// <see cref="PipelineDefinition"/>.</returns>
    /// <exception cref="AzureMLFormatException">The JSON is malformed, is the 2021 pre-GA syntax, or breaks the
    /// contract; the message names the file, the JSON path and the fix.</exception>
    public static JobDefinition Read(string json, string? sourcePath = null, AzureMLJsonOptions? options = null) =>
        Read(json, out _, sourcePath, options);

    /// <summary>Reads a job from its ARM body, a bare properties object, or a GET response, and says what it left
    /// out.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="notices">What the definition does not carry, one warning per field (path, what, what to do): the
    /// fields the service populates (<c>status</c>, the Studio and Tracking <c>services</c>, <c>_aml_system_*</c> tags,
    /// the envelope's <c>id</c>, <c>type</c> and <c>systemData</c>), in one notice, and each other set field the model
    /// has no place for. Empty when the body is carried whole.</param>
    /// <param name="sourcePath">The file it came from, for error messages.</param>
    /// <param name="options">The options (only <see cref="AzureMLJsonOptions.WorkspaceId"/> matters when
    /// reading).</param>
    /// <returns>The job: a <see cref="SweepDefinition"/>, <see cref="CommandJobDefinition"/> or
    /// <see cref="PipelineDefinition"/>.</returns>
    /// <exception cref="AzureMLFormatException">The JSON is malformed, is the 2021 pre-GA syntax, or breaks the
    /// contract; the message names the file, the JSON path and the fix.</exception>
    public static JobDefinition Read(string json, out IReadOnlyList<ValidationProblem> notices,
        string? sourcePath = null, AzureMLJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= AzureMLJsonOptions.Default;
        (options.ReadLimits ?? AzureMLReadLimits.Default).ThrowIfTooLarge(json.Length, sourcePath);
        JsonStringCheck.ThrowIfNotText(json, sourcePath);
        using var document = RestJobReader.Parse(json, sourcePath);
        JsonStringCheck.ThrowIfNul(document.RootElement, sourcePath);
        var context = new JsonReadContext(sourcePath, options);
        var job = new RestJobReader(context).Read(document.RootElement);
        notices = context.Notices;
        return job;
    }

    /// <summary>Reads a job from a UTF-8 JSON stream.</summary>
    /// <param name="json">The stream.</param>
    /// <param name="sourcePath">The file it came from, for error messages.</param>
    /// <param name="options">The options (only <see cref="AzureMLJsonOptions.WorkspaceId"/> matters when
    /// reading).</param>
    /// <returns>The job.</returns>
    /// <exception cref="AzureMLFormatException">The JSON is malformed or breaks the contract.</exception>
    public static JobDefinition Read(Stream json, string? sourcePath = null, AzureMLJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= AzureMLJsonOptions.Default;
        (options.ReadLimits ?? AzureMLReadLimits.Default).ThrowIfTooLarge(json.CanSeek ? json.Length - json.Position
            : 0, sourcePath);
        using var document = RestJobReader.Parse(json, sourcePath);
        JsonStringCheck.ThrowIfNul(document.RootElement, sourcePath);
        return new RestJobReader(new JsonReadContext(sourcePath, options)).Read(document.RootElement);
    }

    /// <summary>Reads a sweep job.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourcePath">The file it came from, for error messages.</param>
    /// <param name="options">The options.</param>
    /// <returns>The sweep.</returns>
    /// <exception cref="AzureMLFormatException">The JSON is malformed, breaks the contract, or is not a sweep
    /// job.</exception>
    public static SweepDefinition ReadSweep(
        string json, string? sourcePath = null, AzureMLJsonOptions? options = null) =>
        ReadAs<SweepDefinition>(json, sourcePath, options, "Sweep");

    /// <summary>Reads a pipeline job.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourcePath">The file it came from, for error messages.</param>
    /// <param name="options">The options.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="AzureMLFormatException">The JSON is malformed, breaks the contract, or is not a pipeline
    /// job.</exception>
    public static PipelineDefinition ReadPipeline(
        string json, string? sourcePath = null, AzureMLJsonOptions? options = null) =>
        ReadAs<PipelineDefinition>(json, sourcePath, options, "Pipeline");

    private static T ReadAs<T>(string json, string? sourcePath, AzureMLJsonOptions? options, string jobType)
        where T : JobDefinition
    {
        var job = Read(json, sourcePath, options);
        return job as T ?? throw new AzureMLFormatException(
            $"expected a {jobType} job, found a {job.JobType} job. Read it with AzureMLJson.Read.", sourcePath, null,
                null, "properties.jobType");
    }
}
