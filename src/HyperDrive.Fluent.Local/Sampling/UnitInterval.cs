using MathNet.Numerics.Distributions;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// Maps a coordinate of the unit interval to a value of one distribution (inverse CDF), with Azure ML's semantics
/// (sweep-semantics.md §2.6), and back. Random, Sobol and Bayesian samplers all go through it, so a sampler only
/// has to produce points of the unit cube.
/// </summary>
/// <remarks>
/// <para>Value types: <c>randint</c> → <see cref="long"/>; <c>uniform</c>, <c>loguniform</c>, <c>normal</c>,
/// <c>lognormal</c> → <see cref="double"/>; a quantized distribution (<c>q…</c>) → <see cref="long"/> when its
/// <c>q</c> is a whole number (Azure requires that: the value is then always a multiple of <c>q</c>, so an
/// integer, and the command line gets <c>32</c> rather than <c>32.0</c>), else <see cref="double"/>. The type
/// depends only on the distribution, never on the draw.</para>
/// <para><c>round</c> is round-half-to-even, like Python's and NumPy's. As in Azure (and hyperopt),
/// <c>quniform(min, max, q)</c> may return a multiple of <c>q</c> just outside [min, max]: its range is
/// [round(min/q)·q, round(max/q)·q].</para>
/// </remarks>
internal static class UnitInterval
{
    /// <summary>The smallest coordinate used for unbounded distributions (so the inverse normal CDF stays
    /// finite).</summary>
    internal const double Epsilon = 1.0 / (1L << 53);

    /// <summary>Gets the value of <paramref name="distribution"/> at the coordinate <paramref name="u"/> in [0,
    /// 1).</summary>
    /// <param name="distribution">Any distribution but <see cref="ChoiceDistribution"/> (use
    /// <see cref="ChoiceIndex"/>).</param>
    /// <param name="u">The coordinate; values outside [0, 1) are clamped.</param>
    /// <param name="parameter">The parameter's name, for error messages.</param>
    /// <param name="logBase">The base of the log-scale distributions
    /// (<see cref="Fluent.Sampling.RandomSampling.LogBase"/>): <c>loguniform(min, max)</c> is <c>logBase^uniform(min,
    /// max)</c>, <c>lognormal(mu, sigma)</c> is <c>logBase^normal(mu, sigma)</c>; the default is e.</param>
    /// <returns>The value (see the type's remarks for its CLR type).</returns>
    public static object ToValue(Distribution distribution, double u, string parameter, double logBase = Math.E)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        u = Clamp(u);
        return distribution switch
        {
            RandIntDistribution r => (long)Math.Min(r.Upper - 1, Math.Floor(u * r.Upper)),
            UniformDistribution d => Math.Min(d.Max, d.Min + (u * (d.Max - d.Min))),
            QUniformDistribution d => Quantize(d.Min + (u * (d.Max - d.Min)), d.Q, parameter),
            LogUniformDistribution d => Power(logBase, d.Min + (u * (d.Max - d.Min))),
            QLogUniformDistribution d => Quantize(Power(logBase, d.Min + (u * (d.Max - d.Min))), d.Q, parameter),
            NormalDistribution d => d.Mu + (d.Sigma * InverseNormal(u)),
            QNormalDistribution d => Quantize(d.Mu + (d.Sigma * InverseNormal(u)), d.Q, parameter),
            LogNormalDistribution d => Power(logBase, d.Mu + (d.Sigma * InverseNormal(u))),
            QLogNormalDistribution d => Quantize(Power(logBase, d.Mu + (d.Sigma * InverseNormal(u))), d.Q, parameter),
            ChoiceDistribution => throw new ArgumentException("Use ChoiceIndex for a choice.", nameof(distribution)),
            _ => throw new NotSupportedException(
                $"The distribution '{distribution.TypeName}' of '{parameter}' is not supported by the local engine."),
        };
    }

    /// <summary>Gets the index of the option a coordinate selects among <paramref name="count"/> equally likely
    /// options.</summary>
    /// <param name="count">The number of options (at least 1).</param>
    /// <param name="u">The coordinate; values outside [0, 1) are clamped.</param>
    /// <returns>The 0-based index: <c>floor(u·count)</c>.</returns>
    public static int ChoiceIndex(int count, double u) => (int)Math.Min(count - 1, Math.Floor(Clamp(u) * count));

    /// <summary>Gets the coordinate of a value (the CDF), the inverse of <see cref="ToValue"/> up to
    /// quantization.</summary>
    /// <param name="distribution">Any distribution but <see cref="ChoiceDistribution"/>.</param>
    /// <param name="value">A value of the distribution (<see cref="long"/> or <see cref="double"/>).</param>
    /// <param name="logBase">The base of the log-scale distributions (as for <see cref="ToValue"/>).</param>
    /// <returns>The coordinate in [0, 1] (the middle of the cell for <c>randint</c>).</returns>
    public static double ToUnit(Distribution distribution, object value, double logBase = Math.E)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var x = value switch
        {
            long l => l,
            double d => d,
            int i => i,
            _ => throw new ArgumentException(
                $"A {distribution.TypeName} value must be a number, not {value?.GetType().Name ?? "null"}.",
                nameof(value)),
        };
        var u = distribution switch
        {
            RandIntDistribution r => (x + 0.5) / r.Upper,
            UniformDistribution d => (x - d.Min) / (d.Max - d.Min),
            QUniformDistribution d => (x - d.Min) / (d.Max - d.Min),
            LogUniformDistribution d => Ratio(Log(x, logBase) - d.Min, d.Max - d.Min),
            QLogUniformDistribution d => Ratio(Log(Math.Max(x, double.Epsilon), logBase) - d.Min, d.Max - d.Min),
            NormalDistribution d => NormalCdf(x, d.Mu, d.Sigma),
            QNormalDistribution d => NormalCdf(x, d.Mu, d.Sigma),
            LogNormalDistribution d => NormalCdf(Log(x, logBase), d.Mu, d.Sigma),
            QLogNormalDistribution d => NormalCdf(Log(Math.Max(x, double.Epsilon), logBase), d.Mu, d.Sigma),
            _ => throw new ArgumentException($"ToUnit does not apply to '{distribution.TypeName}'.",
                nameof(distribution)),
        };
        return Math.Clamp(u, 0.0, 1.0);
    }

    /// <summary>The inverse of the standard normal CDF (MathNet's, accurate to double precision in the
    /// tails).</summary>
    /// <param name="p">A probability in (0, 1).</param>
    /// <returns>The quantile.</returns>
    public static double InverseNormal(double p) => Normal.InvCDF(0.0, 1.0, Math.Clamp(p, Epsilon, 1.0 - Epsilon));

    /// <summary>Rounds <paramref name="x"/> to the nearest multiple of <paramref name="q"/> (half to even).</summary>
    /// <param name="x">The unquantized value.</param>
    /// <param name="q">The step.</param>
    /// <param name="parameter">The parameter's name, for error messages.</param>
    /// <returns>A <see cref="long"/> when <paramref name="q"/> is whole, else a <see cref="double"/>.</returns>
    public static object Quantize(double x, double q, string parameter)
    {
        var steps = Math.Round(x / q, MidpointRounding.ToEven);
        if (!IsWhole(q))
        {
            return steps * q;
        }

        var value = steps * q;
        if (Math.Abs(value) >= 9.007199254740992E15)
        {
            throw new OverflowException(
                $"The sampled value {value:R} of '{parameter}' is too large for an integer parameter (|value| ≥ " +
                    "2^53); narrow the distribution's range.");
        }

        return (long)value;
    }

    /// <summary>Gets whether a quantization step is a whole number (the quantized values are then
    /// <see cref="long"/>).</summary>
    /// <param name="q">The step.</param>
    /// <returns><see langword="true"/> for 1, 2, 16.0, ….</returns>
    public static bool IsWhole(double q) => q >= 1 && q < 9.007199254740992E15 && Math.Floor(q) == q;

    /// <summary><c>b^x</c>; exactly <see cref="Math.Exp"/> for base e, so the default draws do not change.</summary>
    private static double Power(double logBase, double x) => logBase == Math.E ? Math.Exp(x) : Math.Pow(logBase, x);

    private static double Log(double x, double logBase) =>
        logBase == Math.E ? Math.Log(x) : Math.Log(x) / Math.Log(logBase);

    private static double Clamp(double u) => double.IsNaN(u) ? 0.5 : Math.Clamp(u, 0.0, 1.0 - (Epsilon / 2));

    private static double Ratio(double numerator, double denominator) =>
        denominator == 0 ? 0.5 : numerator / denominator;

    private static double NormalCdf(double x, double mu, double sigma) =>
        sigma == 0 ? (x < mu ? 0.0 : x > mu ? 1.0 : 0.5) : Normal.CDF(mu, sigma, x);
}
