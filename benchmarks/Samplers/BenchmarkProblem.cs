using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>A test function with a known optimum.</summary>
/// <param name="Name">The name the Python side uses too.</param>
/// <param name="SearchSpace">The search space.</param>
/// <param name="Goal">Minimize or maximize.</param>
/// <param name="Optimum">The best value.</param>
/// <param name="Evaluate">The objective.</param>
internal sealed record BenchmarkProblem(
    string Name,
    EquatableMap<Distribution> SearchSpace,
    ObjectiveGoal Goal,
    double Optimum,
    Func<IReadOnlyDictionary<string, object>, double> Evaluate)
{
    public const double BraninMinimum = 0.39788735772973816;
    public const double Hartmann6Minimum = -3.32236801141551;

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    /// <summary>Gets the regret of a best value: how far it is from the optimum (0 at the optimum).</summary>
    /// <param name="best">The best value found.</param>
    /// <returns>The simple regret.</returns>
    public double Regret(double best) => Goal == ObjectiveGoal.Minimize ? best - Optimum : Optimum - best;

    public static BenchmarkProblem Branin() => new(
        "branin",
        EquatableMap<Distribution>.Create([new("x1", new UniformDistribution(-5, 10)), new("x2", new UniformDistribution(0, 15))]),
        ObjectiveGoal.Minimize,
        BraninMinimum,
        p => BraninValue((double)p["x1"], (double)p["x2"]));

    public static BenchmarkProblem Hartmann6() => new(
        "hartmann6",
        EquatableMap<Distribution>.Create(Enumerable.Range(0, 6).Select(i => new KeyValuePair<string, Distribution>($"x{i}", new UniformDistribution(0, 1)))),
        ObjectiveGoal.Minimize,
        Hartmann6Minimum,
        p => Hartmann6Value(Enumerable.Range(0, 6).Select(i => (double)p[$"x{i}"]).ToArray()));

    public static BenchmarkProblem Ridge(RidgeProblem ridge, double optimum) => new(
        "ridge",
        EquatableMap<Distribution>.Create([new("alpha", new UniformDistribution(0.05, 1.0))]),
        ObjectiveGoal.Maximize,
        optimum,
        p => ridge.R2((double)p["alpha"]));

    public static double BraninValue(double x1, double x2)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI);
        const double c = 5 / Math.PI;
        const double t = 1 / (8 * Math.PI);
        var u = x2 - (b * x1 * x1) + (c * x1) - 6;
        return (u * u) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }

    public static double Hartmann6Value(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - HartmannP[i, j];
                inner += HartmannA[i, j] * d * d;
            }

            sum += HartmannAlpha[i] * Math.Exp(-inner);
        }

        return -sum;
    }
}
