using FluentAssertions;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Testing;

/// <summary>Assertions on one search-space parameter's distribution, from
/// <see cref="SweepDefinitionAssertions.Sample"/>.</summary>
public sealed class SearchSpaceParameterAssertions
{
    private readonly SweepDefinitionAssertions _sweep;
    private readonly string _name;
    private readonly Distribution? _actual;

    internal SearchSpaceParameterAssertions(SweepDefinitionAssertions sweep, string name, Distribution? actual)
    {
        _sweep = sweep;
        _name = name;
        _actual = actual;
    }

    /// <summary>Asserts <c>uniform(min, max)</c>.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromUniform(double min, double max) =>
        From(new UniformDistribution(min, max));

    /// <summary>Asserts <c>quniform(min, max, q)</c>.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <param name="q">The quantization step.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromQUniform(double min, double max, double q) =>
        From(new QUniformDistribution(min, max, q));

    /// <summary>Asserts <c>loguniform(min, max)</c> (natural-log exponents, as Azure ML writes them).</summary>
    /// <param name="min">The lower exponent.</param>
    /// <param name="max">The upper exponent.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromLogUniform(double min, double max) =>
        From(new LogUniformDistribution(min, max));

    /// <summary>Asserts <c>qloguniform(min, max, q)</c>.</summary>
    /// <param name="min">The lower exponent.</param>
    /// <param name="max">The upper exponent.</param>
    /// <param name="q">The quantization step.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromQLogUniform(double min, double max, double q) =>
        From(new QLogUniformDistribution(min, max, q));

    /// <summary>Asserts <c>normal(mu, sigma)</c>.</summary>
    /// <param name="mu">The mean.</param>
    /// <param name="sigma">The standard deviation.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromNormal(double mu, double sigma) =>
        From(new NormalDistribution(mu, sigma));

    /// <summary>Asserts <c>qnormal(mu, sigma, q)</c>.</summary>
    /// <param name="mu">The mean.</param>
    /// <param name="sigma">The standard deviation.</param>
    /// <param name="q">The quantization step.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromQNormal(double mu, double sigma, double q) =>
        From(new QNormalDistribution(mu, sigma, q));

    /// <summary>Asserts <c>lognormal(mu, sigma)</c>.</summary>
    /// <param name="mu">The mean of the underlying normal.</param>
    /// <param name="sigma">Its standard deviation.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromLogNormal(double mu, double sigma) =>
        From(new LogNormalDistribution(mu, sigma));

    /// <summary>Asserts <c>qlognormal(mu, sigma, q)</c>.</summary>
    /// <param name="mu">The mean of the underlying normal.</param>
    /// <param name="sigma">Its standard deviation.</param>
    /// <param name="q">The quantization step.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromQLogNormal(double mu, double sigma, double q) =>
        From(new QLogNormalDistribution(mu, sigma, q));

    /// <summary>Asserts <c>randint(upper)</c>.</summary>
    /// <param name="upper">The exclusive upper bound.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromRandInt(long upper) => From(new RandIntDistribution(upper));

    /// <summary>Asserts <c>choice(values)</c>, values in order.</summary>
    /// <param name="values">The values.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> FromChoice(params object[] values) =>
        From(new ChoiceDistribution(values));

    /// <summary>Asserts any distribution, compared by value.</summary>
    /// <param name="expected">The distribution (see <see cref="Distributions"/>).</param>
    /// <param name="because">Why, for the failure message.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    /// <returns>A constraint to go on with the sweep.</returns>
    [CustomAssertion]
    public AndConstraint<SweepDefinitionAssertions> From(
        Distribution expected, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (_actual is not null)
        {
            _sweep.Check(
                $"sample \"{_name}\" from {Describe.Distribution(expected)}",
                _ => Equals(_actual, expected) ? null : $"it samples it from {Describe.Distribution(_actual)}",
                because,
                becauseArgs);
        }

        return new(_sweep);
    }
}
