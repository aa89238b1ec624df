namespace HyperDrive.Fluent.Trials;

/// <summary>The Docker build context of an <see cref="EnvironmentDefinition"/> (CLI v2 <c>build: {path,
/// dockerfile_path}</c>).</summary>
public sealed record EnvironmentBuild
{
    /// <summary>Initializes a build context.</summary>
    /// <param name="path">The build context: a local folder (relative to the definition file) or a URL.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public EnvironmentBuild(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>Gets the build context: a local folder (relative to the definition file) or a URL.</summary>
    public string Path { get; }

    /// <summary>Gets the Dockerfile's path inside the build context.</summary>
    /// <value>The default value is <see langword="null"/> (the service uses <c>Dockerfile</c>).</value>
    public string? DockerfilePath { get; init; }

    /// <summary>Gets whether <see cref="Path"/> is a URL (<c>https://</c>, <c>azureml://</c>, a git URL) rather than a
    /// local folder.</summary>
    public bool IsRemote => Path.Contains("://", StringComparison.Ordinal)
        || Path.StartsWith("git+", StringComparison.OrdinalIgnoreCase);
}
