using System.Text.Json;
using Azure;
using Azure.Core;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;

namespace HyperDrive.Fluent.Azure;

public partial class HyperDriveClient
{
    /// <summary>Registers (creates or updates) a model version: <c>PUT models/{name}/versions/{version}</c>.</summary>
    /// <param name="modelName">The model name (pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>).</param>
    /// <param name="version">The version, e.g. <c>1</c>.</param>
    /// <param name="model">What to register.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is not a valid name or
    /// <paramref name="version"/> is empty.</exception>
    /// <exception cref="RequestFailedException">The service refused the registration (e.g. <c>Asset paths cannot be
    /// updated.</c>).</exception>
    public virtual async Task<Response<AzureMLModelVersion>> CreateOrUpdateModelVersionAsync(
        string modelName, string version, AzureMLModelVersion model, CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(CreateOrUpdateModelVersion),
            () => CreateOrUpdateModelVersionCoreAsync(modelName, version, model, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Registers (creates or updates) a model version: <c>PUT models/{name}/versions/{version}</c>.</summary>
    /// <param name="modelName">The model name (pattern <c>^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,254}$</c>).</param>
    /// <param name="version">The version, e.g. <c>1</c>.</param>
    /// <param name="model">What to register.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is not a valid name or
    /// <paramref name="version"/> is empty.</exception>
    /// <exception cref="RequestFailedException">The service refused the registration (e.g. <c>Asset paths cannot be
    /// updated.</c>).</exception>
    public virtual Response<AzureMLModelVersion> CreateOrUpdateModelVersion(
        string modelName, string version, AzureMLModelVersion model, CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(CreateOrUpdateModelVersion),
            () => CreateOrUpdateModelVersionCoreAsync(modelName, version, model, async: false, cancellationToken))
            .EnsureCompleted();

    /// <summary>Gets the next free version of a model (<c>properties.nextVersion</c> of <c>GET models/{name}</c>;
    /// <c>1</c> when the model does not exist).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version (with the service's reply: 404 when the model does not exist).</returns>
    /// <exception cref="RequestFailedException">The service refused the call.</exception>
    public virtual async Task<Response<string>> GetNextModelVersionAsync(
        string modelName, CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(GetNextModelVersion), () => GetNextModelVersionCoreAsync(modelName, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Gets the next free version of a model (<c>properties.nextVersion</c> of <c>GET models/{name}</c>;
    /// <c>1</c> when the model does not exist).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version (with the service's reply: 404 when the model does not exist).</returns>
    /// <exception cref="RequestFailedException">The service refused the call.</exception>
    public virtual Response<string> GetNextModelVersion(
        string modelName, CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(GetNextModelVersion), () => GetNextModelVersionCoreAsync(modelName, async: false, cancellationToken))
            .EnsureCompleted();

    /// <summary>Registers a trial's model output as a model version, with the trial as its job (lineage).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="trialRunId">The trial's run id (job name), e.g. the sweep's best trial.</param>
    /// <param name="outputPath">Where the model is among the trial's outputs: a named output (<c>model</c> →
    /// <c>azureml://jobs/{trial}/outputs/model</c>), a path inside one (<c>model/sklearn</c> →
    /// <c>.../outputs/model/paths/sklearn</c>),
    /// or a path in the run's MLflow artifacts (<c>artifacts/model</c> →
    /// <c>.../outputs/artifacts/paths/model/</c>).</param>
    /// <param name="modelType"><c>custom_model</c>, <c>mlflow_model</c> or <c>triton_model</c>.</param>
    /// <param name="version">The version; <see langword="null"/> for the model's next free version.</param>
    /// <param name="description">An optional description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    /// <exception cref="RequestFailedException">The service refused the registration.</exception>
    public virtual async Task<Response<AzureMLModelVersion>> RegisterTrialModelAsync(
        string modelName,
        string trialRunId,
        string outputPath,
        string modelType = "custom_model",
        string? version = null,
        string? description = null,
        CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(RegisterTrialModel),
            () => RegisterTrialModelCoreAsync(
                modelName, trialRunId, outputPath, modelType, version, description, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Registers a trial's model output as a model version, with the trial as its job (lineage).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="trialRunId">The trial's run id (job name), e.g. the sweep's best trial.</param>
    /// <param name="outputPath">Where the model is among the trial's outputs: a named output (<c>model</c> →
    /// <c>azureml://jobs/{trial}/outputs/model</c>), a path inside one (<c>model/sklearn</c> →
    /// <c>.../outputs/model/paths/sklearn</c>),
    /// or a path in the run's MLflow artifacts (<c>artifacts/model</c> →
    /// <c>.../outputs/artifacts/paths/model/</c>).</param>
    /// <param name="modelType"><c>custom_model</c>, <c>mlflow_model</c> or <c>triton_model</c>.</param>
    /// <param name="version">The version; <see langword="null"/> for the model's next free version.</param>
    /// <param name="description">An optional description.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    /// <exception cref="RequestFailedException">The service refused the registration.</exception>
    public virtual Response<AzureMLModelVersion> RegisterTrialModel(
        string modelName,
        string trialRunId,
        string outputPath,
        string modelType = "custom_model",
        string? version = null,
        string? description = null,
        CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(RegisterTrialModel),
            () => RegisterTrialModelCoreAsync(
                modelName, trialRunId, outputPath, modelType, version, description, async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<Response<AzureMLModelVersion>> RegisterTrialModelCoreAsync(
        string modelName,
        string trialRunId,
        string outputPath,
        string modelType,
        string? version,
        string? description,
        bool async,
        CancellationToken cancellationToken)
    {
        CheckName(modelName, nameof(modelName));
        var model = new AzureMLModelVersion(ModelUris.ForTrialOutput(trialRunId, outputPath), modelType)
        {
            JobName = trialRunId,
            Description = description,
        };
        version ??= (await GetNextModelVersionCoreAsync(modelName, async, cancellationToken).ConfigureAwait(false))
            .Value;
        return await CreateOrUpdateModelVersionCoreAsync(modelName, version, model, async, cancellationToken)
            .ConfigureAwait(false);
    }

    private async ValueTask<Response<AzureMLModelVersion>> CreateOrUpdateModelVersionCoreAsync(
        string modelName, string version, AzureMLModelVersion model, bool async, CancellationToken cancellationToken)
    {
        CheckName(modelName, nameof(modelName));
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(model);
        using var message =
            CreateArmMessage(RequestMethod.Put, "models/" + EscapeSegment(modelName) + "/versions/"
            + EscapeSegment(version));
        SetJsonContent(message, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("properties");
            writer.WriteString("modelType", model.ModelType);
            writer.WriteString("modelUri", model.ModelUri);
            if (model.JobName is not null)
            {
                writer.WriteString("jobName", model.JobName);
            }

            if (model.Description is not null)
            {
                writer.WriteString("description", model.Description);
            }

            writer.WriteStartObject("tags");
            foreach (var (key, value) in model.Tags)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("properties");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var response = await SendAsync(message, async, cancellationToken, 200, 201).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var root = document.RootElement;
        var properties = root.Get("properties");
        var registered =
            new AzureMLModelVersion(properties?.GetString("modelUri")
            ?? model.ModelUri, properties?.GetString("modelType") ?? model.ModelType)
        {
            JobName = properties?.GetString("jobName") ?? model.JobName,
            Description = properties?.GetString("description") ?? model.Description,
            Id = root.GetString("id"),
            Name = modelName,
            Version = root.GetString("name") ?? version,
        };
        if (properties is { } p)
        {
            foreach (var (key, value) in p.GetStringMap("tags"))
            {
                registered.Tags[key] = value;
            }
        }

        return Response.FromValue(registered, response);
    }

    private async ValueTask<Response<string>> GetNextModelVersionCoreAsync(
        string modelName, bool async, CancellationToken cancellationToken)
    {
        CheckName(modelName, nameof(modelName));
        using var message = CreateArmMessage(RequestMethod.Get, "models/" + EscapeSegment(modelName));
        var response = await SendAsync(message, async, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return Response.FromValue("1", response);
        }

        using var document = JsonDocument.Parse(response.Content);
        return Response.FromValue(document.RootElement.Get("properties")?.GetString("nextVersion") ?? "1", response);
    }
}
