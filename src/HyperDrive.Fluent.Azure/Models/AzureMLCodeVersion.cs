namespace HyperDrive.Fluent.Azure.Models;

/// <summary>A code asset version: the uploaded trial code a job's <c>trial.codeId</c> points at.</summary>
public class AzureMLCodeVersion
{
    /// <summary>Initializes a code version; use <see cref="HyperDriveModelFactory.AzureMLCodeVersion"/> in
    /// tests.</summary>
    /// <param name="id">The ARM id.</param>
    internal AzureMLCodeVersion(string id)
    {
        Id = id;
    }

    /// <summary>Gets the ARM id, the value for <c>trial.codeId</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the blob folder holding the files.</summary>
    public Uri? CodeUri { get; internal init; }

    /// <summary>Gets the content hash (SHA-256, Azure ML hash version <c>202208</c>).</summary>
    public string? ContentHash { get; internal init; }

    /// <summary>Gets whether an existing code version with the same content was reused (nothing was
    /// uploaded).</summary>
    public bool Reused { get; internal init; }

    /// <summary>Gets how many files were uploaded (0 when reused).</summary>
    public int UploadedFileCount { get; internal init; }

    /// <summary>Gets what was left out of the folder and why: symbolic links that lead out of the code folder (never
    /// followed) and broken links.</summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];
}
