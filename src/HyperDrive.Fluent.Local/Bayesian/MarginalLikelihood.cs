using MathNet.Numerics.LinearAlgebra;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// The negative log marginal likelihood of a Matérn-5/2 ARD Gaussian process plus the negative log prior of its
/// hyperparameters, with the analytic gradient with respect to the log hyperparameters:
/// <c>∂(−log p)/∂θ = −½ tr((ααᵀ − K⁻¹) ∂K/∂θ)</c>.
/// </summary>
internal sealed class MarginalLikelihood
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly int _n;
    private readonly int _d;
    private readonly double[] _priorMean;
    private readonly double[] _priorSigma;
    private readonly double[] _kernel;
    private readonly double[] _correlation;
    private readonly LengthScaleGroups _groups;
    private readonly int _g;

    /// <summary>Initializes the objective for one data set.</summary>
    /// <param name="x">The n × d inputs, row-major.</param>
    /// <param name="y">The n standardized targets.</param>
    /// <param name="prior">The hyperparameter priors.</param>
    /// <param name="groups">Which coordinates share a length scale; <see langword="null"/> for one per
    /// coordinate.</param>
    public MarginalLikelihood(double[] x, double[] y, HyperparameterPrior prior, LengthScaleGroups? groups = null)
    {
        _x = x;
        _y = y;
        _n = y.Length;
        _d = _n == 0 ? groups?.Dimensions ?? 0 : x.Length / _n;
        _groups = groups ?? LengthScaleGroups.Independent(_d);
        _g = _groups.Count;
        _priorMean = prior.LogMedian(_g);
        _priorSigma = prior.LogSigma(_g);
        _kernel = new double[_n * _n];
        _correlation = new double[_n * _n];
    }

    /// <summary>Gets the number of hyperparameters (length-scale groups + 2).</summary>
    public int Parameters => _g + 2;

    /// <summary>Evaluates the objective and its gradient at the log hyperparameters <paramref name="theta"/>.</summary>
    /// <param name="theta">Log length scales (one per group), log signal variance, log noise variance.</param>
    /// <param name="gradient">Receives the gradient.</param>
    /// <returns>The negative log posterior (up to a constant).</returns>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var n = _n;
        var d = _d;
        var g = _g;
        Span<double> inverseScales = stackalloc double[d];
        _groups.Expand(theta[..g], inverseScales);
        for (var j = 0; j < d; j++)
        {
            inverseScales[j] = Math.Exp(-inverseScales[j]);
        }

        var s2 = Math.Exp(theta[g]);
        var noise = Math.Exp(theta[g + 1]);
        Span<double> coordinateGradient = stackalloc double[d];
        coordinateGradient.Clear();
        var k = _kernel;
        var c = _correlation;
        for (var i = 0; i < n; i++)
        {
            c[(i * n) + i] = 1.0;
            k[(i * n) + i] = s2 + noise;
            for (var j = 0; j < i; j++)
            {
                var r = ScaledDistance(i, j, inverseScales);
                var value = Matern52.Correlation(r);
                c[(i * n) + j] = value;
                c[(j * n) + i] = value;
                k[(i * n) + j] = s2 * value;
                k[(j * n) + i] = s2 * value;
            }
        }

        var cholesky = RobustCholesky.Factor(k, n, out var jitter);
        var alpha = cholesky.Solve(Vector<double>.Build.Dense(_y)).ToArray();
        var inverse = CholeskyInverse.Of(cholesky, n);
        var value0 = (0.5 * Matern52.Dot(_y, alpha)) + (0.5 * cholesky.DeterminantLn)
            + (0.5 * n * Math.Log(2 * Math.PI));

        // W = ααᵀ − K⁻¹; ∂(−log p)/∂θ = −½ Σ_ij W_ij ∂K_ij/∂θ.
        gradient[..(g + 2)].Clear();
        var signalTerm = 0.0;
        var noiseTerm = 0.0;
        for (var i = 0; i < n; i++)
        {
            var wii = (alpha[i] * alpha[i]) - inverse[(i * n) + i];
            signalTerm += wii * s2;
            noiseTerm += wii * (noise + jitter);
            for (var j = 0; j < i; j++)
            {
                var w = (alpha[i] * alpha[j]) - inverse[(i * n) + j];
                var cij = c[(i * n) + j];
                signalTerm += 2.0 * w * s2 * cij;
                var r = ScaledDistance(i, j, inverseScales);
                var factor = 2.0 * w * s2 * Matern52.GradientFactor(r);
                for (var m = 0; m < d; m++)
                {
                    var delta = (_x[(i * d) + m] - _x[(j * d) + m]) * inverseScales[m];
                    coordinateGradient[m] += factor * delta * delta;
                }
            }
        }

        for (var m = 0; m < d; m++)
        {
            // A group's log length scale moves all its coordinates' together.
            gradient[_groups.GroupOf[m]] += -0.5 * coordinateGradient[m];
        }

        gradient[g] = -0.5 * signalTerm;
        gradient[g + 1] = -0.5 * noiseTerm * noise / (noise + jitter);

        // Log-normal priors: ½((θ − μ)/σ)².
        var prior = 0.0;
        for (var m = 0; m < g + 2; m++)
        {
            var z = (theta[m] - _priorMean[m]) / _priorSigma[m];
            prior += 0.5 * z * z;
            gradient[m] += z / _priorSigma[m];
        }

        return value0 + prior;
    }

    private double ScaledDistance(int i, int j, ReadOnlySpan<double> inverseScales)
    {
        var d = _d;
        var sum = 0.0;
        for (var m = 0; m < d; m++)
        {
            var t = (_x[(i * d) + m] - _x[(j * d) + m]) * inverseScales[m];
            sum += t * t;
        }

        return Math.Sqrt(sum);
    }
}
