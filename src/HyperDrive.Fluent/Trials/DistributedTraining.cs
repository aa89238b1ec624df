namespace HyperDrive.Fluent.Trials;

/// <summary>How a multi-process trial is launched (Azure: <c>distribution</c>).</summary>
public abstract record DistributedTraining
{
    private protected DistributedTraining()
    {
    }

    /// <summary>Gets the YAML type name (<c>pytorch</c>, <c>mpi</c>, <c>tensorflow</c>).</summary>
    public abstract string Name { get; }
}

/// <summary>PyTorch distributed launch.</summary>
/// <param name="ProcessCountPerInstance">Processes per node.</param>
public sealed record PyTorchDistribution(int? ProcessCountPerInstance = null) : DistributedTraining
{
    /// <inheritdoc />
    public override string Name => "pytorch";
}

/// <summary>MPI launch.</summary>
/// <param name="ProcessCountPerInstance">Processes per node.</param>
public sealed record MpiDistribution(int? ProcessCountPerInstance = null) : DistributedTraining
{
    /// <inheritdoc />
    public override string Name => "mpi";
}

/// <summary>TensorFlow parameter-server launch.</summary>
/// <param name="WorkerCount">Workers.</param>
/// <param name="ParameterServerCount">Parameter servers.</param>
public sealed record TensorFlowDistribution(int? WorkerCount = null, int? ParameterServerCount = null)
    : DistributedTraining
{
    /// <inheritdoc />
    public override string Name => "tensorflow";
}
