using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// Fits the kernel hyperparameters by maximizing the log marginal likelihood plus log priors (MAP) over log-space box
/// bounds: multi-start bounded BFGS (MathNet's <see cref="BfgsBMinimizer"/>) with analytic gradients, from the prior
/// median and from seeded random starts; the best point any start evaluated wins.
/// </summary>
internal static class HyperparameterFitter
{
    /// <summary>Fits the hyperparameters.</summary>
    /// <param name="x">The n × d inputs, row-major.</param>
    /// <param name="y">The n standardized targets.</param>
    /// <param name="prior">The priors and bounds.</param>
    /// <param name="starts">How many starts (the prior median first, then random ones).</param>
    /// <param name="maxIterations">The iteration cap of each start.</param>
    /// <param name="random">The stream of the random starts.</param>
    /// <param name="groups">Which coordinates share a length scale; <see langword="null"/> for one per
    /// coordinate.</param>
    /// <returns>The fitted hyperparameters (one length scale per coordinate, expanded from the groups').</returns>
    public static GpHyperparameters Fit(double[] x, double[] y, HyperparameterPrior prior, int starts,
        int maxIterations, RandomStream random, LengthScaleGroups? groups = null)
    {
        groups ??= LengthScaleGroups.Independent(y.Length == 0 ? 0 : x.Length / y.Length);
        var objective = new MarginalLikelihood(x, y, prior, groups);
        var p = objective.Parameters;
        var d = p - 2;
        var lower = prior.LogLower(d);
        var upper = prior.LogUpper(d);
        var median = prior.LogMedian(d);
        var sigma = prior.LogSigma(d);
        var best = new double[p];
        var bestValue = double.PositiveInfinity;
        var gradient = new double[p];

        (double, Vector<double>) Evaluate(Vector<double> theta)
        {
            var point = theta.AsArray() ?? theta.ToArray();
            double value;
            try
            {
                value = objective.Evaluate(point, gradient);
            }
            catch (InvalidOperationException)
            {
                value = double.NaN;
            }

            if (!double.IsFinite(value))
            {
                // Pull the search back toward the prior median.
                for (var m = 0; m < p; m++)
                {
                    gradient[m] = point[m] - median[m];
                }

                return (1e10, Vector<double>.Build.Dense((double[])gradient.Clone()));
            }

            if (value < bestValue)
            {
                bestValue = value;
                Array.Copy(point, best, p);
            }

            return (value, Vector<double>.Build.Dense((double[])gradient.Clone()));
        }

        var function = ObjectiveFunction.Gradient(Evaluate);
        var minimizer = new BfgsBMinimizer(1e-5, 1e-6, 1e-9, maxIterations);
        var lowerVector = Vector<double>.Build.Dense(lower);
        var upperVector = Vector<double>.Build.Dense(upper);
        for (var start = 0; start < Math.Max(1, starts); start++)
        {
            var initial = new double[p];
            for (var m = 0; m < p; m++)
            {
                var guess = start == 0 ? median[m] : median[m] + (sigma[m] * 0.75 * random.NextGaussian());
                initial[m] = Math.Clamp(guess, lower[m] + 1e-6, upper[m] - 1e-6);
            }

            try
            {
                minimizer.FindMinimum(function, lowerVector, upperVector, Vector<double>.Build.Dense(initial));
            }
            catch (Exception ex) when (ex is OptimizationException or ArgumentException or ArithmeticException)
            {
                // The line search or the iteration cap gave up; the best point evaluated so far stands.
            }
        }

        return Expand(double.IsFinite(bestValue) ? best : median, groups);
    }

    private static GpHyperparameters Expand(double[] theta, LengthScaleGroups groups)
    {
        var full = new double[groups.Dimensions + 2];
        groups.Expand(theta.AsSpan(0, groups.Count), full);
        full[^2] = theta[^2];
        full[^1] = theta[^1];
        return GpHyperparameters.FromLog(full);
    }
}
