using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure;

/// <summary>Builds the client's model objects for users' own tests (for example to return from a substituted
/// <see cref="HyperDriveClient"/>).</summary>
public static class HyperDriveModelFactory
{
    /// <summary>Creates an <see cref="Models.AzureMLJob"/>.</summary>
    /// <param name="name">The job name.</param>
    /// <param name="status">The status.</param>
    /// <param name="jobType">The REST job type (<c>Sweep</c>, <c>Command</c>, <c>Pipeline</c>).</param>
    /// <param name="experimentName">The experiment name.</param>
    /// <param name="studioUri">The Studio page.</param>
    /// <param name="tags">The user's tags.</param>
    /// <param name="systemTags">The service's <c>_aml_system_*</c> tags.</param>
    /// <param name="properties">The properties (e.g. <c>best_child_run_id</c>).</param>
    /// <param name="objective">The sweep's objective.</param>
    /// <param name="id">The ARM id.</param>
    /// <returns>The job.</returns>
    public static AzureMLJob AzureMLJob(
        string name,
        AzureMLJobStatus status,
        string jobType = "Sweep",
        string? experimentName = null,
        Uri? studioUri = null,
        IReadOnlyDictionary<string, string>? tags = null,
        IReadOnlyDictionary<string, string>? systemTags = null,
        IReadOnlyDictionary<string, string>? properties = null,
        Objective? objective = null,
        string? id = null) =>
        new(name)
        {
            Id = id,
            Status = status,
            JobType = jobType,
            ExperimentName = experimentName,
            StudioUri = studioUri,
            Tags = tags ?? Models.AzureMLJob.EmptyMap,
            SystemTags = systemTags ?? Models.AzureMLJob.EmptyMap,
            Properties = properties ?? Models.AzureMLJob.EmptyMap,
            PrimaryMetric = objective?.PrimaryMetric,
            Goal = objective?.Goal,
        };

    /// <summary>Creates an <see cref="Models.AzureMLEnvironmentVersion"/>.</summary>
    /// <param name="id">The ARM id.</param>
    /// <param name="name">The environment name.</param>
    /// <param name="version">The version.</param>
    /// <param name="image">The Docker image.</param>
    /// <param name="condaFile">The conda specification text.</param>
    /// <param name="isAnonymous">Whether it is an anonymous (inline) environment version.</param>
    /// <returns>The environment version.</returns>
    public static AzureMLEnvironmentVersion AzureMLEnvironmentVersion(
        string id, string? name = null, string? version = null, string? image = null, string? condaFile =
        null, bool isAnonymous = false) =>
        new(id) { Name = name, Version = version, Image = image, CondaFile = condaFile, IsAnonymous = isAnonymous };

    /// <summary>Creates an <see cref="Models.AzureMLWorkspace"/>.</summary>
    /// <param name="id">The resource id.</param>
    /// <param name="mlflowTrackingUri">The MLflow tracking URI.</param>
    /// <param name="location">The region.</param>
    /// <returns>The workspace.</returns>
    public static AzureMLWorkspace AzureMLWorkspace(
        string id, Uri? mlflowTrackingUri = null, string? location = null) =>
        new(id) { MlflowTrackingUri = mlflowTrackingUri, Location = location };

    /// <summary>Creates an <see cref="Models.AzureMLSweepTrial"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="number">The trial index.</param>
    /// <param name="status">The status.</param>
    /// <param name="parameters">The sampled parameters.</param>
    /// <param name="latestMetrics">The last value of each metric.</param>
    /// <param name="startTime">When it started.</param>
    /// <param name="endTime">When it ended.</param>
    /// <returns>The trial.</returns>
    public static AzureMLSweepTrial AzureMLSweepTrial(
        string runId,
        int number,
        TrialStatus status,
        IReadOnlyDictionary<string, object>? parameters = null,
        IReadOnlyDictionary<string, double>? latestMetrics = null,
        DateTimeOffset? startTime = null,
        DateTimeOffset? endTime = null) =>
        new(runId)
        {
            Number = number,
            Status = status,
            Parameters = parameters ?? new Dictionary<string, object>(StringComparer.Ordinal),
            LatestMetrics = latestMetrics ?? new Dictionary<string, double>(StringComparer.Ordinal),
            StartTime = startTime,
            EndTime = endTime,
        };

    /// <summary>Creates a registered <see cref="Models.AzureMLModelVersion"/>.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version.</param>
    /// <param name="modelUri">Where the model is.</param>
    /// <param name="modelType">The model type.</param>
    /// <param name="jobName">The job that produced it.</param>
    /// <param name="id">The ARM id.</param>
    /// <returns>The model version.</returns>
    public static AzureMLModelVersion AzureMLModelVersion(
        string name, string version, string modelUri, string modelType = "custom_model", string? jobName =
        null, string? id = null) =>
        new(modelUri, modelType) { Name = name, Version = version, JobName = jobName, Id = id };

    /// <summary>Creates an <see cref="Models.AzureMLCodeVersion"/>.</summary>
    /// <param name="id">The ARM id.</param>
    /// <param name="contentHash">The content hash.</param>
    /// <param name="reused">Whether an existing version was reused.</param>
    /// <param name="codeUri">The blob folder.</param>
    /// <returns>The code version.</returns>
    public static AzureMLCodeVersion AzureMLCodeVersion(string id, string? contentHash = null, bool reused = false,
        Uri? codeUri = null) =>
        new(id) { ContentHash = contentHash, Reused = reused, CodeUri = codeUri };
}
