namespace HyperDrive.Fluent.Sampling;

/// <summary>How a sweep picks the parameter values of its trials.</summary>
public abstract record SamplingAlgorithm
{
    private protected SamplingAlgorithm()
    {
    }

    /// <summary>Gets the algorithm's name as Azure ML YAML spells it (<c>random</c>, <c>grid</c>,
    /// <c>bayesian</c>).</summary>
    public abstract string Name { get; }
}
