namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// Log-normal priors and box bounds on the kernel hyperparameters (inputs in the unit cube, targets standardized):
/// the marginal likelihood is maximized with these priors added (MAP), which keeps the fit sane with few points.
/// </summary>
internal sealed record HyperparameterPrior
{
    /// <summary>Gets the default priors, tuned on Branin, Hartmann-6 and the diabetes ridge problem (see
    /// benchmarks/Samplers).</summary>
    public static HyperparameterPrior Default { get; } = new();

    /// <summary>Gets the prior median of each length scale.</summary>
    public double LengthScaleMedian { get; init; } = 0.5;

    /// <summary>Gets the prior standard deviation of each log length scale.</summary>
    public double LogLengthScaleSigma { get; init; } = 1.0;

    /// <summary>Gets the smallest length scale.</summary>
    public double MinLengthScale { get; init; } = 0.01;

    /// <summary>Gets the largest length scale.</summary>
    public double MaxLengthScale { get; init; } = 20.0;

    /// <summary>Gets the prior median of the signal variance.</summary>
    public double SignalVarianceMedian { get; init; } = 1.0;

    /// <summary>Gets the prior standard deviation of the log signal variance.</summary>
    public double LogSignalVarianceSigma { get; init; } = 1.5;

    /// <summary>Gets the smallest signal variance.</summary>
    public double MinSignalVariance { get; init; } = 0.01;

    /// <summary>Gets the largest signal variance.</summary>
    public double MaxSignalVariance { get; init; } = 100.0;

    /// <summary>Gets the prior median of the noise variance.</summary>
    public double NoiseVarianceMedian { get; init; } = 1e-4;

    /// <summary>Gets the prior standard deviation of the log noise variance.</summary>
    public double LogNoiseVarianceSigma { get; init; } = 3.0;

    /// <summary>Gets the smallest noise variance.</summary>
    public double MinNoiseVariance { get; init; } = 1e-6;

    /// <summary>Gets the largest noise variance.</summary>
    public double MaxNoiseVariance { get; init; } = 1.0;

    /// <summary>Gets the prior median as a log-space vector for <paramref name="dimensions"/> inputs.</summary>
    /// <param name="dimensions">The number of inputs.</param>
    /// <returns>The vector.</returns>
    public double[] LogMedian(int dimensions) =>
        Vector(dimensions, Math.Log(LengthScaleMedian), Math.Log(SignalVarianceMedian), Math.Log(NoiseVarianceMedian));

    /// <summary>Gets the lower bounds as a log-space vector.</summary>
    /// <param name="dimensions">The number of inputs.</param>
    /// <returns>The vector.</returns>
    public double[] LogLower(int dimensions) =>
        Vector(dimensions, Math.Log(MinLengthScale), Math.Log(MinSignalVariance), Math.Log(MinNoiseVariance));

    /// <summary>Gets the upper bounds as a log-space vector.</summary>
    /// <param name="dimensions">The number of inputs.</param>
    /// <returns>The vector.</returns>
    public double[] LogUpper(int dimensions) =>
        Vector(dimensions, Math.Log(MaxLengthScale), Math.Log(MaxSignalVariance), Math.Log(MaxNoiseVariance));

    /// <summary>Gets the prior standard deviations as a log-space vector.</summary>
    /// <param name="dimensions">The number of inputs.</param>
    /// <returns>The vector.</returns>
    public double[] LogSigma(int dimensions) =>
        Vector(dimensions, LogLengthScaleSigma, LogSignalVarianceSigma, LogNoiseVarianceSigma);

    private static double[] Vector(int dimensions, double lengthScale, double signal, double noise)
    {
        var vector = new double[dimensions + 2];
        Array.Fill(vector, lengthScale, 0, dimensions);
        vector[dimensions] = signal;
        vector[dimensions + 1] = noise;
        return vector;
    }
}
