using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using HyperDrive.Fluent.Local.Sampling;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// Maximizes log expected improvement over the search space: scores scrambled-Sobol and local candidates (perturbations
/// of the best points) at their snapped (decoded) positions, refines the best few with bounded BFGS over the continuous
/// coordinates and a neighbour search over the discrete ones, and returns the best point that is not a known trial.
/// </summary>
internal sealed class AcquisitionOptimizer
{
    private readonly BayesianSpace _space;
    private readonly GaussianProcess _model;
    private readonly double _best;
    private readonly IReadOnlySet<string> _known;
    private readonly double[] _workspace;
    private readonly double[] _lengthScales;

    /// <summary>Initializes an optimizer for one proposal.</summary>
    /// <param name="space">The encoded search space.</param>
    /// <param name="model">The posterior.</param>
    /// <param name="lengthScales">The kernel's length scales (they size the local perturbations).</param>
    /// <param name="best">The incumbent (lowest standardized value, fantasies of pending trials included).</param>
    /// <param name="known">Keys of every earlier trial's point (finished, failed, pending, warm start): never proposed
    /// again.</param>
    public AcquisitionOptimizer(BayesianSpace space, GaussianProcess model, double[] lengthScales, double best,
        IReadOnlySet<string> known)
    {
        _space = space;
        _model = model;
        _best = best;
        _known = known;
        _lengthScales = lengthScales;
        _workspace = new double[model.WorkspaceLength];
    }

    /// <summary>Finds the point to propose.</summary>
    /// <param name="incumbents">Canonical points of the best finished trials, best first (centres of local
    /// candidates).</param>
    /// <param name="options">The sampler's options.</param>
    /// <param name="random">The proposal's random stream.</param>
    /// <param name="sobolSeed">The seed of the proposal's Sobol candidates.</param>
    /// <returns>The canonical point, or <see langword="null"/> when every candidate is a known trial.</returns>
    public double[]? Optimize(IReadOnlyList<double[]> incumbents, BayesianSamplerOptions options, RandomStream random,
        long sobolSeed)
    {
        var d = _space.Dimensions;
        var p = _space.Parameters.Count;
        var n = _model.Count;
        var perCandidate = ((double)n * n) + (n * (double)d) + 1;
        var count =
            (int)Math.Clamp(options.CandidateBudget / perCandidate, options.MinCandidates, options.MaxCandidates);
        var localCount = incumbents.Count == 0 ? 0 : count / 4;
        var globalCount = count - localCount;

        var candidates = new List<(double[] Point, double Score)>(count);
        var sobol = new SobolSequence(p, sobolSeed);
        var unit = new double[p];
        for (var i = 0; i < globalCount; i++)
        {
            sobol.GetPoint(i, unit);
            var x = new double[d];
            _space.FromUnit(unit, x);
            candidates.Add((x, Score(x)));
        }

        for (var i = 0; i < localCount; i++)
        {
            // Half of the local candidates around the best point, the rest spread over the next best.
            var centre = incumbents[i % 2 == 0 ? 0 : (1 + (i / 2)) % incumbents.Count];
            var x = Perturb(centre, random, i);
            candidates.Add((x, Score(x)));
        }

        candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double[]? bestPoint = null;
        var bestScore = double.NegativeInfinity;
        var refined = 0;
        var refinements = n > 100 ? Math.Min(2, options.Refinements) : options.Refinements;
        var iterations = n > 100 ? Math.Min(20, options.RefinementIterations) : options.RefinementIterations;
        foreach (var (point, score) in candidates)
        {
            if (refined >= refinements)
            {
                break;
            }

            var key = _space.Key(point);
            if (!seen.Add(key))
            {
                continue;
            }

            refined++;
            var (x, s) = Refine(point, score, iterations);
            if (s > bestScore && !_known.Contains(_space.Key(x)))
            {
                bestPoint = x;
                bestScore = s;
            }

            if (score > bestScore && !_known.Contains(key))
            {
                bestPoint = point;
                bestScore = score;
            }
        }

        if (bestPoint is null)
        {
            foreach (var (point, _) in candidates)
            {
                if (!_known.Contains(_space.Key(point)))
                {
                    return point;
                }
            }
        }

        return bestPoint;
    }

    /// <summary>Gets log EI at a canonical point.</summary>
    /// <param name="x">The point.</param>
    /// <returns>log EI.</returns>
    public double Score(ReadOnlySpan<double> x)
    {
        var (mean, variance) = _model.Predict(x, _workspace);
        return LogExpectedImprovement.Evaluate(mean, Math.Sqrt(variance), _best);
    }

    private double[] Perturb(double[] centre, RandomStream random, int index)
    {
        var x = (double[])centre.Clone();
        var scale = (index % 3) switch { 0 => 0.05, 1 => 0.15, _ => 0.4 };
        foreach (var parameter in _space.Parameters)
        {
            switch (parameter)
            {
                case UniformParameter:
                    var step = Math.Clamp(scale * _lengthScales[parameter.Offset], 0.002, 0.3);
                    x[parameter.Offset] = Math.Clamp(x[parameter.Offset] + (step * random.NextGaussian()), 0.0, 1.0);
                    break;
                case QuantizedParameter when parameter.Width > 0:
                    var grid = Math.Clamp(scale * _lengthScales[parameter.Offset], 0.002, 0.3);
                    x[parameter.Offset] = Math.Clamp(x[parameter.Offset] + (grid * random.NextGaussian()), 0.0, 1.0);
                    break;
                case CategoricalParameter when parameter.Width > 0:
                    if (random.NextDouble() < 1.0 / _space.Parameters.Count)
                    {
                        parameter.SetIndex(random.NextInt(parameter.Width), x);
                    }

                    break;
            }
        }

        _space.Canonicalize(x);
        return x;
    }

    private (double[] Point, double Score) Refine(double[] start, double startScore, int iterations)
    {
        var point = (double[])start.Clone();
        var score = startScore;
        if (_space.ContinuousCoordinates.Count > 0)
        {
            (point, score) = RefineContinuous(point, score, iterations);
        }

        if (_space.Parameters.Any(p => p.Cardinality is > 1))
        {
            (point, score) = RefineDiscrete(point, score);
        }

        return (point, score);
    }

    private (double[] Point, double Score) RefineContinuous(double[] start, double startScore, int iterations)
    {
        var coordinates = _space.ContinuousCoordinates;
        var c = coordinates.Count;
        var d = _space.Dimensions;
        var bestPoint = (double[])start.Clone();
        var bestScore = startScore;
        var x = (double[])start.Clone();
        var meanGradient = new double[d];
        var varianceGradient = new double[d];

        (double, Vector<double>) Evaluate(Vector<double> v)
        {
            for (var i = 0; i < c; i++)
            {
                x[coordinates[i]] = Math.Clamp(v[i], 0.0, 1.0);
            }

            var (mean, variance) = _model.PredictWithGradient(x, meanGradient, varianceGradient, _workspace);
            var sigma = Math.Sqrt(variance);
            var value = LogExpectedImprovement.Evaluate(mean, sigma, _best, out var dMean, out var dSigma);
            var gradient = new double[c];
            for (var i = 0; i < c; i++)
            {
                var j = coordinates[i];
                gradient[i] = -((dMean * meanGradient[j]) + (dSigma * varianceGradient[j] / (2.0 * sigma)));
            }

            if (value > bestScore && double.IsFinite(value))
            {
                bestScore = value;
                Array.Copy(x, bestPoint, d);
            }

            return (double.IsFinite(value) ? -value : 1e300, Vector<double>.Build.Dense(gradient));
        }

        var initial = Vector<double>.Build.Dense(c, i => Math.Clamp(start[coordinates[i]], 1e-9, 1.0 - 1e-9));
        try
        {
            new BfgsBMinimizer(1e-6, 1e-7, 1e-10, iterations).FindMinimum(
                ObjectiveFunction.Gradient(Evaluate),
                Vector<double>.Build.Dense(c, 0.0),
                Vector<double>.Build.Dense(c, 1.0),
                initial);
        }
        catch (Exception ex) when (ex is OptimizationException or ArgumentException or ArithmeticException)
        {
            // The line search or the iteration cap gave up; the best point evaluated so far stands.
        }

        return (bestPoint, bestScore);
    }

    private (double[] Point, double Score) RefineDiscrete(double[] start, double startScore)
    {
        var point = (double[])start.Clone();
        var score = startScore;
        var trial = new double[point.Length];
        for (var pass = 0; pass < 2; pass++)
        {
            var improved = false;
            foreach (var parameter in _space.Parameters)
            {
                if (parameter is UniformParameter || parameter.Cardinality is not { } count || count < 2)
                {
                    continue;
                }

                var current = parameter.Key(point);
                foreach (var index in Neighbours(parameter, current, count))
                {
                    Array.Copy(point, trial, point.Length);
                    parameter.SetIndex(index, trial);
                    var s = Score(trial);
                    if (s > score && !_known.Contains(_space.Key(trial)))
                    {
                        score = s;
                        Array.Copy(trial, point, point.Length);
                        improved = true;
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return (point, score);
    }

    private static IEnumerable<long> Neighbours(EncodedParameter parameter, long current, long count)
    {
        if (parameter is CategoricalParameter || count <= 16)
        {
            for (long i = 0; i < count; i++)
            {
                if (i != current)
                {
                    yield return i;
                }
            }

            yield break;
        }

        for (long step = 1; step < count; step *= 2)
        {
            if (current - step >= 0)
            {
                yield return current - step;
            }

            if (current + step < count)
            {
                yield return current + step;
            }
        }
    }
}
