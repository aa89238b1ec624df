namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>The Gaussian process's kernel hyperparameters, on standardized targets and unit-cube inputs.</summary>
/// <param name="LengthScales">One length scale per model coordinate (ARD).</param>
/// <param name="SignalVariance">The kernel's output variance.</param>
/// <param name="NoiseVariance">The observation noise variance.</param>
internal sealed record GpHyperparameters(double[] LengthScales, double SignalVariance, double NoiseVariance)
{
    /// <summary>Gets the hyperparameters as a log-space vector: log length scales, log signal variance, log noise
    /// variance.</summary>
    /// <returns>The vector.</returns>
    public double[] ToLog()
    {
        var theta = new double[LengthScales.Length + 2];
        for (var d = 0; d < LengthScales.Length; d++)
        {
            theta[d] = Math.Log(LengthScales[d]);
        }

        theta[^2] = Math.Log(SignalVariance);
        theta[^1] = Math.Log(NoiseVariance);
        return theta;
    }

    /// <summary>Reads hyperparameters from a log-space vector (see <see cref="ToLog"/>).</summary>
    /// <param name="theta">The vector.</param>
    /// <returns>The hyperparameters.</returns>
    public static GpHyperparameters FromLog(ReadOnlySpan<double> theta)
    {
        var lengthScales = new double[theta.Length - 2];
        for (var d = 0; d < lengthScales.Length; d++)
        {
            lengthScales[d] = Math.Exp(theta[d]);
        }

        return new GpHyperparameters(lengthScales, Math.Exp(theta[^2]), Math.Exp(theta[^1]));
    }
}
