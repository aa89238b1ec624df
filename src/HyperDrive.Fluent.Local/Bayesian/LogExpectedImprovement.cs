using MathNet.Numerics;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// The logarithm of expected improvement for minimization, computed stably far into the tails (Ament et al., 2023,
/// "Unexpected improvements to expected improvement"): <c>log EI = log σ + log h(z)</c>, <c>z = (best − μ)/σ</c>,
/// <c>h(z) = φ(z) + zΦ(z)</c>, so points with a vanishing improvement still rank by how nearly they improve.
/// </summary>
internal static class LogExpectedImprovement
{
    private const double HalfLog2Pi = 0.91893853320467274178;      // ½ log 2π
    private const double HalfLogPiOver2 = 0.22579135264472743236;  // ½ log(π/2)
    private const double Sqrt2 = 1.4142135623730950488;
    private const double InverseSqrtEpsilon = 6.7108864e7;         // 1/√ε

    /// <summary>Gets log EI and its derivatives with respect to the mean and the standard deviation.</summary>
    /// <param name="mean">The posterior mean.</param>
    /// <param name="sigma">The posterior standard deviation (positive).</param>
    /// <param name="best">The incumbent (lowest) value.</param>
    /// <param name="dMean">Receives ∂ log EI/∂μ.</param>
    /// <param name="dSigma">Receives ∂ log EI/∂σ.</param>
    /// <returns>log EI.</returns>
    public static double Evaluate(double mean, double sigma, double best, out double dMean, out double dSigma)
    {
        var z = (best - mean) / sigma;
        var logH = LogH(z);

        // ∂EI/∂μ = −Φ(z), ∂EI/∂σ = φ(z), so ∂ log EI/∂μ = −Φ(z)/(σh), ∂ log EI/∂σ = φ(z)/(σh); in log space for the
        // tails.
        var logPhi = (-0.5 * z * z) - HalfLog2Pi;
        var logCdf = LogNormalCdf(z);
        dMean = -Math.Exp(logCdf - logH) / sigma;
        dSigma = Math.Exp(logPhi - logH) / sigma;
        return Math.Log(sigma) + logH;
    }

    /// <summary>Gets log EI.</summary>
    /// <param name="mean">The posterior mean.</param>
    /// <param name="sigma">The posterior standard deviation (positive).</param>
    /// <param name="best">The incumbent (lowest) value.</param>
    /// <returns>log EI.</returns>
    public static double Evaluate(double mean, double sigma, double best) =>
        Math.Log(sigma) + LogH((best - mean) / sigma);

    /// <summary>Gets <c>log h(z) = log(φ(z) + zΦ(z))</c> without overflow or cancellation.</summary>
    /// <param name="z">The standardized improvement.</param>
    /// <returns>The value.</returns>
    public static double LogH(double z)
    {
        if (z > -1.0)
        {
            return Math.Log(Phi(z) + (z * Cdf(z)));
        }

        if (z > -InverseSqrtEpsilon)
        {
            // h(z) = φ(z)·(1 − |z|·erfcx(|z|/√2)·√(π/2)) for z < 0.
            var w = Math.Log(Erfcx(-z / Sqrt2) * Math.Abs(z)) + HalfLogPiOver2;
            return (-0.5 * z * z) - HalfLog2Pi + Log1MinusExp(w);
        }

        return (-0.5 * z * z) - HalfLog2Pi - (2.0 * Math.Log(Math.Abs(z)));
    }

    /// <summary>Gets <c>log Φ(z)</c>, accurate in the lower tail.</summary>
    /// <param name="z">The argument.</param>
    /// <returns>The value.</returns>
    public static double LogNormalCdf(double z)
    {
        if (z > -5.0)
        {
            return Math.Log(Cdf(z));
        }

        // Φ(z) = ½ erfc(−z/√2) = ½ erfcx(−z/√2)·exp(−z²/2)
        return Math.Log(0.5 * Erfcx(-z / Sqrt2)) - (0.5 * z * z);
    }

    /// <summary>Gets the scaled complementary error function <c>exp(x²)·erfc(x)</c> for x ≥ 0.</summary>
    /// <param name="x">The argument (0 or more).</param>
    /// <returns>The value.</returns>
    public static double Erfcx(double x)
    {
        if (x < 25.0)
        {
            return Math.Exp(x * x) * SpecialFunctions.Erfc(x);
        }

        // Asymptotic series: 1/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)).
        var inverse2 = 1.0 / (x * x);
        return 1.0 / (x * Math.Sqrt(Math.PI)) * (
            1.0 - (0.5 * inverse2) + (0.75 * inverse2 * inverse2) - (1.875 * inverse2 * inverse2 * inverse2));
    }

    private static double Phi(double z) => Math.Exp((-0.5 * z * z) - HalfLog2Pi);

    private static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);

    /// <summary>log(1 − exp(w)) for w &lt; 0 (Mächler's log1mexp).</summary>
    private static double Log1MinusExp(double w) =>
        w > -0.6931471805599453 ? Math.Log(-SpecialFunctions.Expm1(w)) : Math.Log(1.0 - Math.Exp(w));
}
