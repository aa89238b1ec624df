namespace HyperDrive.Fluent.Trials;

/// <summary>
/// An environment defined where it is used (CLI v2 <c>environment:</c> given as a mapping): a Docker image, or a Docker
/// build context, optionally with a conda file. On Azure ML the Azure engine creates it as an anonymous environment
/// version (<c>CliV2AnonymousEnvironment</c>, its version a hash of the content, so the same definition is created
/// once) and sends that version's id, as azure-ai-ml does; the local engine runs trials with this machine's Python and
/// does not apply the image or the conda file.
/// </summary>
/// <remarks>The reference form (<c>azureml:name:version</c>, <c>azureml:name@latest</c>,
/// <c>azureml://registries/...</c>) is <see cref="CommandComponent.Environment"/>; a component has one or the
/// other.</remarks>
public sealed record EnvironmentDefinition
{
    /// <summary>Gets the Docker image, such as
    /// <c>mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest</c>.</summary>
    /// <value>The default value is <see langword="null"/>. Exactly one of <see cref="Image"/> and <see cref="Build"/>
    /// is required.</value>
    public string? Image { get; init; }

    /// <summary>Gets the Docker build context the image is built from.</summary>
    /// <value>The default value is <see langword="null"/>. Exactly one of <see cref="Image"/> and <see cref="Build"/>
    /// is required.</value>
    public EnvironmentBuild? Build { get; init; }

    /// <summary>Gets the conda specification installed on top of the image: a file path or inline content.</summary>
    /// <value>The default value is <see langword="null"/> (no conda file).</value>
    public CondaFile? CondaFile { get; init; }

    /// <summary>Gets the environment's name (CLI YAML <c>name</c>). Azure ML names an inline environment itself
    /// (<c>CliV2AnonymousEnvironment</c>); the name is kept so the file round-trips.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the environment's version (CLI YAML <c>version</c>); kept for the round trip, like
    /// <see cref="Name"/>.</summary>
    public string? Version { get; init; }

    /// <summary>Gets the description, sent with the anonymous environment version.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the environment's tags, sent with the anonymous environment version.</summary>
    public EquatableMap<string> Tags { get; init; } = EquatableMap<string>.Empty;

    /// <summary>Gets the operating system of the image (<c>linux</c> or <c>windows</c>).</summary>
    /// <value>The default value is <see langword="null"/> (the service uses Linux).</value>
    public string? OsType { get; init; }

    /// <summary>Creates an environment from a Docker image, with an optional conda file.</summary>
    /// <param name="image">The Docker image.</param>
    /// <param name="condaFile">The path of a conda file (relative to the definition file), or
    /// <see langword="null"/>.</param>
    /// <returns>The environment.</returns>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty, or <paramref name="condaFile"/> is empty
    /// but not <see langword="null"/>.</exception>
    public static EnvironmentDefinition FromImage(string image, string? condaFile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        if (condaFile is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(condaFile);
        }

        return new EnvironmentDefinition
            { Image = image, CondaFile = condaFile is null ? null : Trials.CondaFile.FromPath(condaFile) };
    }
}
