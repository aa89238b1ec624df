namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>
/// A parameter expression of a sweep's search space, with Azure ML's semantics
/// (see <see cref="Distributions"/> for the factory methods).
/// </summary>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>Gets which of the ten distributions this is.</summary>
    public abstract DistributionKind Kind { get; }

    /// <summary>Gets the name Azure ML uses for this distribution on the wire (<c>uniform</c>, <c>qlognormal</c>,
    /// ...).</summary>
    public string TypeName => Kind switch
    {
        DistributionKind.Choice => "choice",
        DistributionKind.RandInt => "randint",
        DistributionKind.Uniform => "uniform",
        DistributionKind.QUniform => "quniform",
        DistributionKind.LogUniform => "loguniform",
        DistributionKind.QLogUniform => "qloguniform",
        DistributionKind.Normal => "normal",
        DistributionKind.QNormal => "qnormal",
        DistributionKind.LogNormal => "lognormal",
        DistributionKind.QLogNormal => "qlognormal",
        _ => throw new InvalidOperationException($"Unknown distribution kind {Kind}."),
    };

    /// <summary>Gets whether this distribution is quantized (has a <c>q</c>).</summary>
    public virtual bool IsQuantized => false;

    internal static void ThrowIfNotFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"'{paramName}' must be a finite number.");
        }
    }

    internal static void ThrowIfBadQ(double q, string paramName = "q")
    {
        ThrowIfNotFinite(q, paramName);
        if (q <= 0)
        {
            throw new ArgumentOutOfRangeException(
                paramName, q, $"'{paramName}' (the quantization step) must be greater than 0.");
        }
    }

    internal static void ThrowIfBadSigma(double sigma, string paramName = "sigma")
    {
        ThrowIfNotFinite(sigma, paramName);
        if (sigma < 0)
        {
            throw new ArgumentOutOfRangeException(
                paramName, sigma, $"'{paramName}' (the standard deviation) must be 0 or greater.");
        }
    }
}
