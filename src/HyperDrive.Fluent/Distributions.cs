using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent;

/// <summary>
/// Factory methods for search-space distributions, meant for <c>using static HyperDrive.Fluent.Distributions;</c>.
/// Every method checks its arguments and throws at the call when they are wrong on their own.
/// </summary>
public static class Distributions
{
    /// <summary>One of <paramref name="values"/>: integers, reals, strings, booleans or
    /// <see cref="ChoiceObject"/>s.</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The new distribution.</returns>
    public static ChoiceDistribution Choice(params object[] values) => new(values);

    /// <summary>One of the values of a sequence, e.g. <c>ChoiceOf(Enumerable.Range(1, 10))</c>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="values">At least one value.</param>
    /// <returns>The new distribution.</returns>
    public static ChoiceDistribution ChoiceOf<T>(IEnumerable<T> values)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(values);
        return new ChoiceDistribution(values.Cast<object>());
    }

    /// <summary>An object-valued choice option whose members are literals or nested distributions.</summary>
    /// <param name="members">The members, e.g. <c>("model", "svm"), ("C", Uniform(0.1, 10))</c>.</param>
    /// <returns>The new option, to pass to <see cref="Choice(object[])"/>.</returns>
    public static ChoiceObject Option(params (string Name, object Value)[] members) => new(members);

    /// <summary>An integer in [0, <paramref name="upper"/>) (the upper bound is exclusive).</summary>
    /// <param name="upper">The exclusive upper bound, greater than 0.</param>
    /// <returns>The new distribution.</returns>
    public static RandIntDistribution RandInt(long upper) => new(upper);

    /// <summary>A real uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound, greater than <paramref name="min"/>.</param>
    /// <returns>The new distribution.</returns>
    public static UniformDistribution Uniform(double min, double max) => new(min, max);

    /// <summary><c>round(uniform(min, max) / q) * q</c>.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound, greater than <paramref name="min"/>.</param>
    /// <param name="q">The quantization step, greater than 0.</param>
    /// <returns>The new distribution.</returns>
    public static QUniformDistribution QUniform(double min, double max, double q) => new(min, max, q);

    /// <summary><c>exp(uniform(min, max))</c>, Azure's form: <paramref name="min"/> and <paramref name="max"/> are
    /// natural-log exponents. For real bounds use <see cref="LogUniformBetween"/>.</summary>
    /// <param name="min">The lower exponent.</param>
    /// <param name="max">The upper exponent, not less than <paramref name="min"/>.</param>
    /// <returns>The new distribution.</returns>
    public static LogUniformDistribution LogUniform(double min, double max) => new(min, max);

    /// <summary>A log-uniform value between two real bounds, e.g. <c>LogUniformBetween(1e-5, 1e-1)</c>;
    /// converts the bounds to Azure's natural-log exponents.</summary>
    /// <param name="low">The smallest value, greater than 0.</param>
    /// <param name="high">The largest value, not less than <paramref name="low"/>.</param>
    /// <returns>The new distribution, with <c>Min = ln(low)</c> and <c>Max = ln(high)</c>.</returns>
    public static LogUniformDistribution LogUniformBetween(double low, double high)
    {
        ThrowIfNotPositive(low, nameof(low));
        ThrowIfNotPositive(high, nameof(high));
        return new LogUniformDistribution(Math.Log(low), Math.Log(high));
    }

    /// <summary><c>round(exp(uniform(min, max)) / q) * q</c>; the bounds are natural-log exponents.</summary>
    /// <param name="min">The lower exponent.</param>
    /// <param name="max">The upper exponent.</param>
    /// <param name="q">The quantization step, greater than 0.</param>
    /// <returns>The new distribution.</returns>
    public static QLogUniformDistribution QLogUniform(double min, double max, double q) => new(min, max, q);

    /// <summary>A quantized log-uniform value between two real bounds (converted to natural-log exponents).</summary>
    /// <param name="low">The smallest value, greater than 0.</param>
    /// <param name="high">The largest value, not less than <paramref name="low"/>.</param>
    /// <param name="q">The quantization step, greater than 0.</param>
    /// <returns>The new distribution.</returns>
    public static QLogUniformDistribution QLogUniformBetween(double low, double high, double q)
    {
        ThrowIfNotPositive(low, nameof(low));
        ThrowIfNotPositive(high, nameof(high));
        return new QLogUniformDistribution(Math.Log(low), Math.Log(high), q);
    }

    /// <summary>A normal <c>N(mu, sigma)</c>.</summary>
    /// <param name="mu">The mean.</param>
    /// <param name="sigma">The standard deviation, 0 or greater.</param>
    /// <returns>The new distribution.</returns>
    public static NormalDistribution Normal(double mu, double sigma) => new(mu, sigma);

    /// <summary><c>round(N(mu, sigma) / q) * q</c>.</summary>
    /// <param name="mu">The mean.</param>
    /// <param name="sigma">The standard deviation, 0 or greater.</param>
    /// <param name="q">The quantization step, greater than 0.</param>
    /// <returns>The new distribution.</returns>
    public static QNormalDistribution QNormal(double mu, double sigma, double q) => new(mu, sigma, q);

    /// <summary><c>exp(N(mu, sigma))</c>.</summary>
    /// <param name="mu">The mean of the underlying normal.</param>
    /// <param name="sigma">The standard deviation of the underlying normal, 0 or greater.</param>
    /// <returns>The new distribution.</returns>
    public static LogNormalDistribution LogNormal(double mu, double sigma) => new(mu, sigma);

    /// <summary><c>round(exp(N(mu, sigma)) / q) * q</c>.</summary>
    /// <param name="mu">The mean of the underlying normal.</param>
    /// <param name="sigma">The standard deviation of the underlying normal, 0 or greater.</param>
    /// <param name="q">The quantization step, greater than 0.</param>
    /// <returns>The new distribution.</returns>
    public static QLogNormalDistribution QLogNormal(double mu, double sigma, double q) => new(mu, sigma, q);

    private static void ThrowIfNotPositive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(
                paramName, value,
                $"'{paramName}' must be a finite number greater than 0 (a log scale has no zero or negative values).");
        }
    }
}
