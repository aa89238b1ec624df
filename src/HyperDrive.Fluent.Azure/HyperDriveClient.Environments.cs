using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Core;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Azure;

public partial class HyperDriveClient
{
    private readonly ConcurrentDictionary<string,
        Lazy<Task<Response<AzureMLEnvironmentVersion>>>> _anonymousEnvironments =
        new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the anonymous environment version of an inline environment, as azure-ai-ml does before it submits a job
    /// that
    /// defines one: <c>PUT environments/CliV2AnonymousEnvironment/versions/{hash}</c> with <c>isAnonymous: true</c>,
    /// the
    /// image and the conda file as text (PyYAML's dump with sorted keys). The version is a hash of that content, so
    /// the same
    /// definition always names the same version (the service answers a repeated PUT with 201 again, as recorded), and
    /// one
    /// client sends it once. The returned <see cref="AzureMLEnvironmentVersion.Id"/> is the job's <c>environmentId</c>.
    /// </summary>
    /// <param name="environment">The inline environment (an image, and optionally a conda file).</param>
    /// <param name="baseDirectory">The folder a conda file path is relative to (the definition file's folder); <see
    /// langword="null"/> for the current directory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The environment version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> is <see langword="null"/>.</exception>
    /// <exception cref="HyperDrive.Fluent.Validation.HyperDriveValidationException">The environment cannot be created:
    /// no image, a Docker build
    /// context (not uploaded by this client yet), or a conda file that is missing or not YAML.</exception>
    /// <exception cref="RequestFailedException">The service refused the environment (e.g. an end-of-life Python
    /// version in the conda file).</exception>
    public virtual async Task<Response<AzureMLEnvironmentVersion>> CreateAnonymousEnvironmentAsync(
        EnvironmentDefinition environment,
        string? baseDirectory = null,
        CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(CreateAnonymousEnvironment),
            () => CreateAnonymousEnvironmentCoreAsync(environment, baseDirectory, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>
    /// Creates the anonymous environment version of an inline environment, as azure-ai-ml does before it submits a job
    /// that
    /// defines one: <c>PUT environments/CliV2AnonymousEnvironment/versions/{hash}</c> with <c>isAnonymous: true</c>,
    /// the
    /// image and the conda file as text (PyYAML's dump with sorted keys). The version is a hash of that content, so
    /// the same
    /// definition always names the same version (the service answers a repeated PUT with 201 again, as recorded), and
    /// one
    /// client sends it once. The returned <see cref="AzureMLEnvironmentVersion.Id"/> is the job's <c>environmentId</c>.
    /// </summary>
    /// <param name="environment">The inline environment (an image, and optionally a conda file).</param>
    /// <param name="baseDirectory">The folder a conda file path is relative to (the definition file's folder); <see
    /// langword="null"/> for the current directory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The environment version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> is <see langword="null"/>.</exception>
    /// <exception cref="HyperDrive.Fluent.Validation.HyperDriveValidationException">The environment cannot be created:
    /// no image, a Docker build
    /// context (not uploaded by this client yet), or a conda file that is missing or not YAML.</exception>
    /// <exception cref="RequestFailedException">The service refused the environment (e.g. an end-of-life Python
    /// version in the conda file).</exception>
    public virtual Response<AzureMLEnvironmentVersion> CreateAnonymousEnvironment(
        EnvironmentDefinition environment,
        string? baseDirectory = null,
        CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(CreateAnonymousEnvironment),
            () => CreateAnonymousEnvironmentCoreAsync(environment, baseDirectory, async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<Response<AzureMLEnvironmentVersion>> CreateAnonymousEnvironmentCoreAsync(
        EnvironmentDefinition environment, string? baseDirectory, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var anonymous = AnonymousEnvironment.Create(environment, baseDirectory, "environment");
        var key = anonymous.Version + "\n" + environment.Description + "\n"
            + string.Join(",", environment.Tags.Select(t => t.Key + "=" + t.Value)) + "\n" + environment.OsType;

        // One PUT per content, shared by concurrent callers, sent in the form (sync or async) of the caller whose
        // entry was stored. A synchronous caller that finds an asynchronous caller's PUT in flight waits for that
        // work; it never runs its own call over async code.
        var create = _anonymousEnvironments.GetOrAdd(
            key,
            _ => new Lazy<Task<Response<AzureMLEnvironmentVersion>>>(
                () => PutAnonymousEnvironmentAsync(anonymous, async, cancellationToken).AsTask()));
        try
        {
            return async ? await create.Value.ConfigureAwait(false) : create.Value.EnsureCompleted();
        }
        catch
        {
            _anonymousEnvironments.TryRemove(new(key, create));
            throw;
        }
    }

    /// <summary>Gets the latest version of a registered environment, as azure-ai-ml resolves
    /// <c>azureml:name@latest</c>:
    /// <c>GET environments/{name}/versions?$orderBy=createdtime desc&amp;$top=1</c> (recorded
    /// <c>env_get_latest_by_orderby__*</c>).</summary>
    /// <param name="name">The environment name (without <c>azureml:</c> and <c>@latest</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest version.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="RequestFailedException">The service refused the call, or the environment has no version (404,
    /// <c>NotFound</c>).</exception>
    public virtual async Task<Response<AzureMLEnvironmentVersion>> GetLatestEnvironmentVersionAsync(
        string name, CancellationToken cancellationToken = default) =>
        await InScopeAsync(
            nameof(GetLatestEnvironmentVersion),
            () => GetLatestEnvironmentVersionCoreAsync(name, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>Gets the latest version of a registered environment, as azure-ai-ml resolves
    /// <c>azureml:name@latest</c>:
    /// <c>GET environments/{name}/versions?$orderBy=createdtime desc&amp;$top=1</c> (recorded
    /// <c>env_get_latest_by_orderby__*</c>).</summary>
    /// <param name="name">The environment name (without <c>azureml:</c> and <c>@latest</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest version.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="RequestFailedException">The service refused the call, or the environment has no version (404,
    /// <c>NotFound</c>).</exception>
    public virtual Response<AzureMLEnvironmentVersion> GetLatestEnvironmentVersion(
        string name, CancellationToken cancellationToken = default) =>
        InScopeAsync(
            nameof(GetLatestEnvironmentVersion),
            () => GetLatestEnvironmentVersionCoreAsync(name, async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<Response<AzureMLEnvironmentVersion>> GetLatestEnvironmentVersionCoreAsync(
        string name, bool async, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var message = CreateArmMessage(RequestMethod.Get, "environments/" + EscapeSegment(name) + "/versions");
        message.Request.Uri.AppendQuery("$orderBy", "createdtime desc", escapeValue: true);
        message.Request.Uri.AppendQuery("$top", "1", escapeValue: true);
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        var latest = UnexpectedReply.Read(response, "the environment versions", content =>
        {
            using var document = JsonDocument.Parse(content);
            var first = ModelReader.EnumerateArray(document.RootElement, "value").FirstOrDefault();
            return first.ValueKind == JsonValueKind.Object && first.GetString("id") is not null ? ReadEnvironment(first)
                : null;
        });
        return latest is null
            ? throw new RequestFailedException(
                404, $"The environment '{name}' has no version in workspace {WorkspaceId.WorkspaceName}; register " +
                "one (az ml environment create) or fix the name.", "NotFound", null)
            : Response.FromValue(latest, response);
    }

    private async ValueTask<Response<AzureMLEnvironmentVersion>> PutAnonymousEnvironmentAsync(
        AnonymousEnvironment anonymous, bool async, CancellationToken cancellationToken)
    {
        var definition = anonymous.Definition;
        using var message =
            CreateArmMessage(RequestMethod.Put, "environments/" + AnonymousEnvironment.Name + "/versions/"
            + anonymous.Version);

        // The body azure-ai-ml sends (recorded env_put_anonymous__*): isAnonymous, isArchived, condaFile (text), image;
        // and the description, tags and OS type when the definition has them (Environment._to_rest_object).
        SetJsonContent(message, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("properties");
            writer.WriteBoolean("isAnonymous", true);
            writer.WriteBoolean("isArchived", false);
            if (anonymous.CondaFile is { } conda)
            {
                writer.WriteString("condaFile", conda);
            }

            writer.WriteString("image", definition.Image);
            if (definition.Description is { } description)
            {
                writer.WriteString("description", description);
            }

            if (definition.Tags.Count > 0)
            {
                writer.WriteStartObject("tags");
                foreach (var (tag, value) in definition.Tags)
                {
                    writer.WriteString(tag, value);
                }

                writer.WriteEndObject();
            }

            if (definition.OsType is { } osType)
            {
                writer.WriteString("osType", osType.Length == 0 ? osType : char.ToUpperInvariant(osType[0])
                    + osType[1..].ToLowerInvariant());
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var response = await SendAsync(message, async, cancellationToken, 200, 201).ConfigureAwait(false);
        var created = UnexpectedReply.Read(response, "the environment version", content =>
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.GetString("id") is not null
                ? ReadEnvironment(document.RootElement)
                : new AzureMLEnvironmentVersion(
                    WorkspaceId.GetChildId($"environments/{AnonymousEnvironment.Name}/versions/{anonymous.Version}"))
                {
                    Name = AnonymousEnvironment.Name,
                    Version = anonymous.Version,
                    Image = definition.Image,
                    CondaFile = anonymous.CondaFile,
                    IsAnonymous = true,
                };
        });
        return Response.FromValue(created, response);
    }

    private static AzureMLEnvironmentVersion ReadEnvironment(JsonElement resource)
    {
        var id = resource.GetString("id")!;
        var properties = resource.Get("properties");
        var segments = id.Split('/');
        var versionIndex = Array.FindLastIndex(segments, s => s.Equals("versions", StringComparison.OrdinalIgnoreCase));
        return new AzureMLEnvironmentVersion(id)
        {
            Name = versionIndex > 0 ? segments[versionIndex - 1] : null,
            Version = resource.GetString("name")
                ?? (versionIndex >= 0 && versionIndex + 1 < segments.Length ? segments[versionIndex + 1] : null),
            Image = properties?.GetString("image"),
            CondaFile = properties?.GetString("condaFile") is { Length: > 0 } conda ? conda : null,
            IsAnonymous = properties?.Get("isAnonymous") is { ValueKind: JsonValueKind.True },
        };
    }
}
