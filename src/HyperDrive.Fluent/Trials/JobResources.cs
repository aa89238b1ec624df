namespace HyperDrive.Fluent.Trials;

/// <summary>The compute resources of each trial (Azure: <c>JobResourceConfiguration</c>).</summary>
public sealed record JobResources
{
    /// <summary>Gets the number of nodes.</summary>
    /// <value>The default value is <see langword="null"/> (the service uses 1).</value>
    public int? InstanceCount { get; init; }

    /// <summary>Gets the VM size, such as <c>Standard_DS3_v2</c>.</summary>
    public string? InstanceType { get; init; }

    /// <summary>Gets the shared memory size of the container, such as <c>2g</c>.</summary>
    public string? ShmSize { get; init; }

    /// <summary>Gets extra arguments for <c>docker run</c>.</summary>
    public string? DockerArgs { get; init; }

    /// <summary>Gets additional properties of the compute request (REST <c>resources.properties</c>, YAML
    /// <c>resources.properties</c>; string values).</summary>
    public EquatableMap<string> Properties { get; init; } = EquatableMap<string>.Empty;
}
