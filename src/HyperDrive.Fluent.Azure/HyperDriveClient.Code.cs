using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;

namespace HyperDrive.Fluent.Azure;

public partial class HyperDriveClient
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Response<AzureMLCodeVersion>>>> _uploads =
        new(StringComparer.Ordinal);

    /// <summary>
    /// Uploads a trial's code folder once and returns the code version to use as <c>trial.codeId</c>. The folder is
    /// hashed
    /// (Azure ML's content hash, honouring the root <c>.amlignore</c>, else <c>.gitignore</c>); a code version with
    /// that hash is
    /// reused when the workspace has one (<c>GET codes/.../versions?hash=...</c>); otherwise the client asks for a
    /// temporary
    /// blob location (<c>startPendingUpload</c>), uploads the files there with Azure.Storage.Blobs, and registers the
    /// code
    /// version. The same content is never uploaded twice by one client, even by concurrent calls.
    /// </summary>
    /// <param name="folder">The code folder.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The code version, with the reply that registered or found it.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    /// <exception cref="InvalidOperationException">No file is left after the ignore file.</exception>
    /// <exception cref="RequestFailedException">The service or the storage account refused a call.</exception>
    public virtual async Task<Response<AzureMLCodeVersion>> UploadCodeAsync(
        string folder, CancellationToken cancellationToken = default) =>
        await InScopeAsync(nameof(UploadCode), () => UploadCodeCoreAsync(folder, async: true, cancellationToken))
            .ConfigureAwait(false);

    /// <summary>
    /// Uploads a trial's code folder once and returns the code version to use as <c>trial.codeId</c>. The folder is
    /// hashed
    /// (Azure ML's content hash, honouring the root <c>.amlignore</c>, else <c>.gitignore</c>); a code version with
    /// that hash is
    /// reused when the workspace has one (<c>GET codes/.../versions?hash=...</c>); otherwise the client asks for a
    /// temporary
    /// blob location (<c>startPendingUpload</c>), uploads the files there with Azure.Storage.Blobs, and registers the
    /// code
    /// version. The same content is never uploaded twice by one client, even by concurrent calls.
    /// </summary>
    /// <param name="folder">The code folder.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The code version, with the reply that registered or found it.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    /// <exception cref="InvalidOperationException">No file is left after the ignore file.</exception>
    /// <exception cref="RequestFailedException">The service or the storage account refused a call.</exception>
    public virtual Response<AzureMLCodeVersion> UploadCode(
        string folder, CancellationToken cancellationToken = default) =>
        InScopeAsync(nameof(UploadCode), () => UploadCodeCoreAsync(folder, async: false, cancellationToken))
            .EnsureCompleted();

    private async ValueTask<Response<AzureMLCodeVersion>> UploadCodeCoreAsync(
        string folder, bool async, CancellationToken cancellationToken)
    {
        var snapshot = CodeSnapshot.Create(folder);

        // One upload per content, shared by concurrent callers, done in the form (sync or async) of the caller whose
        // entry was stored; a synchronous caller that finds an asynchronous upload in flight waits for that work.
        var upload = _uploads.GetOrAdd(
            snapshot.Hash,
            _ => new Lazy<Task<Response<AzureMLCodeVersion>>>(
                () => UploadSnapshotAsync(snapshot, async, cancellationToken).AsTask()));
        try
        {
            return async ? await upload.Value.ConfigureAwait(false) : upload.Value.EnsureCompleted();
        }
        catch
        {
            _uploads.TryRemove(new(snapshot.Hash, upload));
            throw;
        }
    }

    private async ValueTask<Response<AzureMLCodeVersion>> UploadSnapshotAsync(
        CodeSnapshot snapshot, bool async, CancellationToken cancellationToken)
    {
        var name = "hdf-code-" + snapshot.Hash[..32];
        const string version = "1";
        var (existing, found) = await FindCodeByHashAsync(name, snapshot.Hash, async, cancellationToken)
            .ConfigureAwait(false);
        if (existing is not null)
        {
            var reused = new AzureMLCodeVersion(existing.Id)
            {
                CodeUri = existing.CodeUri,
                ContentHash = existing.ContentHash,
                Reused = true,
                Warnings = snapshot.Warnings,
            };
            return Response.FromValue(reused, found);
        }

        var (sasUri, blobUri) = await StartPendingUploadAsync(name, version, async, cancellationToken)
            .ConfigureAwait(false);
        var container = new BlobContainerClient(sasUri, CreateBlobOptions());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        if (async)
        {
            await Parallel.ForEachAsync(
                snapshot.Files,
                parallel,
                async (file, ct) =>
                {
                    var blob = container.GetBlobClient(snapshot.FolderName + "/" + file.RelativePath);
                    await using var stream = File.OpenRead(file.FullPath);
                    await blob.UploadAsync(stream, overwrite: true, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            UploadFiles(container, snapshot, parallel);
        }

        var codeUri = new Uri(blobUri.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(snapshot.FolderName));
        using var message =
            CreateArmMessage(RequestMethod.Put, "codes/" + EscapeSegment(name) + "/versions/" + version);
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
        var response = await SendAsync(message, async, cancellationToken, 200, 201).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var id = document.RootElement.GetString("id") ?? WorkspaceId.GetChildId($"codes/{name}/versions/{version}");
        var uploaded = new AzureMLCodeVersion(id)
        {
            CodeUri = codeUri,
            ContentHash = snapshot.Hash,
            Reused = false,
            UploadedFileCount = snapshot.Files.Count,
            Warnings = snapshot.Warnings,
        };
        return Response.FromValue(uploaded, response);
    }

    /// <summary>Uploads the files with the blob client's synchronous API, four at a time, as the asynchronous form
    /// does.</summary>
    private static void UploadFiles(BlobContainerClient container, CodeSnapshot snapshot, ParallelOptions parallel)
    {
        try
        {
            Parallel.ForEach(
                snapshot.Files,
                parallel,
                file =>
                {
                    var blob = container.GetBlobClient(snapshot.FolderName + "/" + file.RelativePath);
                    using var stream = File.OpenRead(file.FullPath);
                    blob.Upload(stream, overwrite: true, parallel.CancellationToken);
                });
        }
        catch (AggregateException failed) when (failed.InnerExceptions.Count == 1)
        {
            // Parallel.ForEachAsync throws a file's own exception; so does this form.
            ExceptionDispatchInfo.Capture(failed.InnerExceptions[0]).Throw();
        }
    }

    private async ValueTask<(AzureMLCodeVersion? Found, Response Response)> FindCodeByHashAsync(
        string name, string hash, bool async, CancellationToken cancellationToken)
    {
        using var message = CreateArmMessage(
            RequestMethod.Get, "codes/" + EscapeSegment(name) + "/versions", ("hash", hash),
                ("hashVersion", CodeSnapshot.HashVersion));
        var response = await SendAsync(message, async, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return (null, response);
        }

        using var document = JsonDocument.Parse(response.Content);
        var first = ModelReader.EnumerateArray(document.RootElement, "value").FirstOrDefault();
        if (first.ValueKind != JsonValueKind.Object || first.GetString("id") is not { } id)
        {
            return (null, response);
        }

        var codeUri = first.Get("properties")?.GetString("codeUri") is { } uri
            && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                ? parsed
                : null;
        return (new AzureMLCodeVersion(id) { CodeUri = codeUri, ContentHash = hash, Reused = true }, response);
    }

    private async ValueTask<(Uri SasUri, Uri BlobUri)> StartPendingUploadAsync(
        string name, string version, bool async, CancellationToken cancellationToken)
    {
        using var message =
            CreateArmMessage(RequestMethod.Post, "codes/" + EscapeSegment(name) + "/versions/" + version
            + "/startPendingUpload");
        SetJsonContent(message, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("pendingUploadType", "TemporaryBlobReference");
            writer.WriteEndObject();
        });
        var response = await SendAsync(message, async, cancellationToken, 200).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var reference = document.RootElement.Get("blobReferenceForConsumption");
        var sas = reference?.Get("credential")?.GetString("sasUri");
        var blob = reference?.GetString("blobUri");
        if (sas is null || blob is null || !Uri.TryCreate(sas, UriKind.Absolute, out var sasUri)
            || !Uri.TryCreate(blob, UriKind.Absolute, out var blobUri))
        {
            throw new RequestFailedException(
                response.Status,
                "startPendingUpload returned no blobReferenceForConsumption.credential.sasUri / blobUri; the code " +
                "cannot be uploaded.");
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
