using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Serialization;

/// <summary>
/// The one walk of the distribution model behind Azure ML's three search-space shapes: CLI v2 YAML (<c>{type: uniform,
/// min_value: 0.05, max_value: 1.0}</c>), the REST encoding (<c>["uniform", [0.05, 1.0]]</c>) and a pipeline node's
/// field map (<c>{"type": "uniform", "min_value": 0.05, "max_value": 1.0}</c>). Every distribution but choice is its
/// type name plus numeric arguments, named and ordered as Azure ML has them: <c>upper</c>; <c>min_value, max_value[,
/// q]</c>; <c>mu, sigma[, q]</c>. Writers render <see cref="Of"/>; readers of the named shapes build the distribution
/// back with <see cref="Create"/>. Choice (a list of values) is each shape's own.
/// </summary>
internal static class DistributionArguments
{
    /// <summary>The numeric arguments of <paramref name="distribution"/> in Azure ML's order.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="distribution"/> is a choice (it has values, not
    /// arguments).</exception>
    public static IReadOnlyList<DistributionArgument> Of(Distribution distribution) => distribution switch
    {
        RandIntDistribution r => [DistributionArgument.ForInteger("upper", r.Upper)],
        UniformDistribution u => Bounds(u.Min, u.Max, null),
        LogUniformDistribution lu => Bounds(lu.Min, lu.Max, null),
        QUniformDistribution qu => Bounds(qu.Min, qu.Max, qu.Q),
        QLogUniformDistribution qlu => Bounds(qlu.Min, qlu.Max, qlu.Q),
        NormalDistribution n => Moments(n.Mu, n.Sigma, null),
        LogNormalDistribution ln => Moments(ln.Mu, ln.Sigma, null),
        QNormalDistribution qn => Moments(qn.Mu, qn.Sigma, qn.Q),
        QLogNormalDistribution qln => Moments(qln.Mu, qln.Sigma, qln.Q),
        _ => throw new InvalidOperationException(
            $"A {distribution.GetType().Name} has no numeric arguments; a choice is written as its values."),
    };

    /// <summary>Builds a distribution other than choice from its named arguments, read in Azure ML's order.</summary>
    /// <param name="kind">Which distribution (not <see cref="DistributionKind.Choice"/>).</param>
    /// <param name="integer">Reads the named integer argument (<c>upper</c>).</param>
    /// <param name="real">Reads the named real argument.</param>
    /// <exception cref="ArgumentException">The arguments do not make a valid distribution (the model's own
    /// checks).</exception>
    public static Distribution Create(DistributionKind kind, Func<string, long> integer, Func<string, double> real) =>
        kind switch
    {
        DistributionKind.RandInt => new RandIntDistribution(integer("upper")),
        DistributionKind.Uniform => new UniformDistribution(real("min_value"), real("max_value")),
        DistributionKind.LogUniform => new LogUniformDistribution(real("min_value"), real("max_value")),
        DistributionKind.QUniform => new QUniformDistribution(real("min_value"), real("max_value"), real("q")),
        DistributionKind.QLogUniform => new QLogUniformDistribution(real("min_value"), real("max_value"), real("q")),
        DistributionKind.Normal => new NormalDistribution(real("mu"), real("sigma")),
        DistributionKind.LogNormal => new LogNormalDistribution(real("mu"), real("sigma")),
        DistributionKind.QNormal => new QNormalDistribution(real("mu"), real("sigma"), real("q")),
        DistributionKind.QLogNormal => new QLogNormalDistribution(real("mu"), real("sigma"), real("q")),
        _ => throw new InvalidOperationException(
            $"A {kind} distribution is not built from numeric arguments; a choice is read as its values."),
    };

    private static DistributionArgument[] Bounds(double min, double max, double? q) =>
        q is { } step
            ? [DistributionArgument.ForReal("min_value", min), DistributionArgument.ForReal("max_value", max),
                DistributionArgument.ForReal("q", step)]
            : [DistributionArgument.ForReal("min_value", min), DistributionArgument.ForReal("max_value", max)];

    private static DistributionArgument[] Moments(double mu, double sigma, double? q) =>
        q is { } step
            ? [DistributionArgument.ForReal("mu", mu), DistributionArgument.ForReal("sigma", sigma),
                DistributionArgument.ForReal("q", step)]
            : [DistributionArgument.ForReal("mu", mu), DistributionArgument.ForReal("sigma", sigma)];
}
