using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;

namespace HyperDrive.Fluent.Azure;

public partial class HyperDriveClient
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CodeVersion>>> _uploads = new(StringComparer.Ordinal);

    /// <summary>
    /// Uploads a trial's code folder once and returns the code version to use as <c>trial.codeId</c>. The folder is hashed
    /// (Azure ML's content hash, honouring the root <c>.amlignore</c>, else <c>.gitignore</c>); a code version with that hash is
    /// reused when the workspace has one (<c>GET codes/.../versions?hash=...</c>); otherwise the client asks for a temporary
    /// blob location (<c>startPendingUpload</c>), uploads the files there with Azure.Storage.Blobs, and registers the code
    /// version. The same content is never uploaded twice by one client, even by concurrent calls.
    /// </summary>
    /// <param name="folder">The code folder.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The code version.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    /// <exception cref="InvalidOperationException">No file is left after the ignore file.</exception>
    /// <exception cref="RequestFailedException">The service or the storage account refused a call.</exception>
    public virtual async Task<CodeVersion> UploadCodeAsync(string folder, CancellationToken cancellationToken = default)
    {
        var snapshot = CodeSnapshot.Create(folder);
        var upload = _uploads.GetOrAdd(snapshot.Hash, _ => new Lazy<Task<CodeVersion>>(() => UploadCodeCoreAsync(snapshot, cancellationToken)));
        try
        {
            return await upload.Value.ConfigureAwait(false);
        }
        catch
        {
            _uploads.TryRemove(new KeyValuePair<string, Lazy<Task<CodeVersion>>>(snapshot.Hash, upload));
            throw;
        }
    }

    private async Task<CodeVersion> UploadCodeCoreAsync(CodeSnapshot snapshot, CancellationToken cancellationToken)
    {
        var name = "hdf-code-" + snapshot.Hash[..32];
        const string version = "1";
        var existing = await FindCodeByHashAsync(name, snapshot.Hash, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new CodeVersion(existing.Id) { CodeUri = existing.CodeUri, ContentHash = existing.ContentHash, Reused = true, Warnings = snapshot.Warnings };
        }

        var (sasUri, blobUri) = await StartPendingUploadAsync(name, version, cancellationToken).ConfigureAwait(false);
        var container = new BlobContainerClient(sasUri, CreateBlobOptions());
        await Parallel.ForEachAsync(
            snapshot.Files,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (file, ct) =>
            {
                var blob = container.GetBlobClient(snapshot.FolderName + "/" + file.RelativePath);
                await using var stream = File.OpenRead(file.FullPath);
                await blob.UploadAsync(stream, overwrite: true, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var codeUri = new Uri(blobUri.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(snapshot.FolderName));
        using var message = CreateArmMessage(RequestMethod.Put, "codes/" + EscapeSegment(name) + "/versions/" + version);
        SetJsonContent(message, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("properties");
            writer.WriteString("codeUri", codeUri.AbsoluteUri);
            writer.WriteBoolean("isAnonymous", true);
            writer.WriteStartObject("properties");
            writer.WriteString("hash_sha256", snapshot.Hash);
            writer.WriteString("hash_version", CodeSnapshot.HashVersion);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var response = await SendAsync(message, async: true, cancellationToken, 200, 201).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        return new CodeVersion(document.RootElement.GetString("id") ?? WorkspaceId.GetChildId($"codes/{name}/versions/{version}"))
        {
            CodeUri = codeUri,
            ContentHash = snapshot.Hash,
            Reused = false,
            UploadedFileCount = snapshot.Files.Count,
            Warnings = snapshot.Warnings,
        };
    }

    private async Task<CodeVersion?> FindCodeByHashAsync(string name, string hash, CancellationToken cancellationToken)
    {
        using var message = CreateArmMessage(
            RequestMethod.Get, "codes/" + EscapeSegment(name) + "/versions", ("hash", hash), ("hashVersion", CodeSnapshot.HashVersion));
        var response = await SendAsync(message, async: true, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var document = JsonDocument.Parse(response.Content);
        var first = ModelReader.EnumerateArray(document.RootElement, "value").FirstOrDefault();
        if (first.ValueKind != JsonValueKind.Object || first.GetString("id") is not { } id)
        {
            return null;
        }

        return new CodeVersion(id)
        {
            CodeUri = first.Get("properties")?.GetString("codeUri") is { } uri && Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : null,
            ContentHash = hash,
            Reused = true,
        };
    }

    private async Task<(Uri SasUri, Uri BlobUri)> StartPendingUploadAsync(string name, string version, CancellationToken cancellationToken)
    {
        using var message = CreateArmMessage(RequestMethod.Post, "codes/" + EscapeSegment(name) + "/versions/" + version + "/startPendingUpload");
        SetJsonContent(message, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("pendingUploadType", "TemporaryBlobReference");
            writer.WriteEndObject();
        });
        var response = await SendAsync(message, async: true, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var reference = document.RootElement.Get("blobReferenceForConsumption");
        var sas = reference?.Get("credential")?.GetString("sasUri");
        var blob = reference?.GetString("blobUri");
        if (sas is null || blob is null || !Uri.TryCreate(sas, UriKind.Absolute, out var sasUri) || !Uri.TryCreate(blob, UriKind.Absolute, out var blobUri))
        {
            throw new RequestFailedException(response.Status, "startPendingUpload returned no blobReferenceForConsumption.credential.sasUri / blobUri; the code cannot be uploaded.");
        }

        return (sasUri, blobUri);
    }

    private BlobClientOptions CreateBlobOptions()
    {
        var blobOptions = new BlobClientOptions();
        if (_options.Transport is not null)
        {
            blobOptions.Transport = _options.Transport;
        }

        blobOptions.Retry.MaxRetries = _options.Retry.MaxRetries;
        blobOptions.Retry.Delay = _options.Retry.Delay;
        blobOptions.Retry.MaxDelay = _options.Retry.MaxDelay;
        blobOptions.Retry.Mode = _options.Retry.Mode;
        blobOptions.Retry.NetworkTimeout = _options.Retry.NetworkTimeout;
        blobOptions.Diagnostics.IsLoggingEnabled = _options.Diagnostics.IsLoggingEnabled;
        blobOptions.Diagnostics.IsLoggingContentEnabled = false;
        return blobOptions;
    }
}
