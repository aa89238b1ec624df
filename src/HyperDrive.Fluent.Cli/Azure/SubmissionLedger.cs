using HyperDrive.Fluent.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>
/// Makes a generated job name stable for one submission (issue 15): <c>.hyperdrive/submissions.json</c> next to the job
/// file remembers, per workspace and file content, the name of a submission that has not been confirmed yet. Running
/// <c>hyperdrive submit</c> again after a failure (a lost reply, a timeout, Ctrl+C) reuses that name, so the idempotent
/// PUT can only find or create that one job; once the service has confirmed the job, the next submit is a new
/// submission with a new name. Files that name their job (<c>name:</c>, <c>--name</c>) do not need the ledger.
/// </summary>
internal sealed class SubmissionLedger
{
    private readonly string _path;
    private readonly string _key;

    private SubmissionLedger(string path, string key)
    {
        _path = path;
        _key = key;
    }

    /// <summary>The ledger of submitting <paramref name="file"/> to <paramref name="workspace"/>.</summary>
    public static SubmissionLedger For(string file, string workspace)
    {
        var full = Path.GetFullPath(file);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(workspace.ToUpperInvariant() + "\n" + Path.GetFileName(full) + "\n"));
        hash.AppendData(File.ReadAllBytes(full));
        var key = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        return new SubmissionLedger(Path.Combine(Path.GetDirectoryName(full)!, ".hyperdrive", "submissions.json"), key);
    }

    /// <summary>Gets the name of this file's unconfirmed submission, if one is pending.</summary>
    public string? PendingName()
    {
        try
        {
            return File.Exists(_path) && JsonNode.Parse(File.ReadAllText(_path)) is JsonObject all
                && all[_key] is JsonObject entry
                && (string?)entry["state"] == "pending"
                ? (string?)entry["name"]
                : null;
        }
        catch (Exception ex) when (
            ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A ledger that cannot be read only loses the reuse of a pending name; it never blocks a submission.
            return null;
        }
    }

    /// <summary>Records <paramref name="name"/> as this file's submission in progress (before the first PUT).</summary>
    public Task MarkPendingAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(name, "pending", cancellationToken);

    /// <summary>Records that the service confirmed <paramref name="name"/>: the next submit is a new
    /// submission.</summary>
    public Task MarkSubmittedAsync(string name, CancellationToken cancellationToken) =>
        WriteAsync(name, "submitted", cancellationToken);

    private async Task WriteAsync(string name, string state, CancellationToken cancellationToken)
    {
        try
        {
            JsonObject all;
            try
            {
                all = File.Exists(_path)
                    && JsonNode.Parse(
                    await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)) is JsonObject existing
                    ? existing : [];
            }
            catch (JsonException)
            {
                all = [];
            }

            all[_key] =
                new JsonObject
                { ["name"] = name, ["state"] = state, ["at"] = DateTimeOffset.UtcNow.ToString(
                "O", System.Globalization.CultureInfo.InvariantCulture) };
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            await AtomicFile.WriteAllTextAsync(
                _path, all.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only folder: the submission goes on without the ledger (a rerun then picks a new generated name).
        }
    }
}
