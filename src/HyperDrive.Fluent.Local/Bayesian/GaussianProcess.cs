using MathNet.Numerics.LinearAlgebra;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// A Gaussian-process posterior with a Matérn-5/2 ARD kernel and fixed hyperparameters, conditioned on training points
/// in the unit cube and standardized targets: predicts the latent function's mean and variance (and their gradients)
/// at new points. Built once per proposal; every prediction costs O(n·d + n²).
/// </summary>
internal sealed class GaussianProcess
{
    private readonly double[] _scaled;      // n × d training inputs divided by the length scales
    private readonly double[] _inverseScales;
    private readonly double[] _alpha;       // K⁻¹ y
    private readonly double[] _inverse;     // K⁻¹, n × n
    private readonly double _signal;

    private GaussianProcess(int count, int dimensions, double[] scaled, double[] inverseScales, double[] alpha,
        double[] inverse, double signal, double jitter)
    {
        Count = count;
        Dimensions = dimensions;
        _scaled = scaled;
        _inverseScales = inverseScales;
        _alpha = alpha;
        _inverse = inverse;
        _signal = signal;
        Jitter = jitter;
    }

    /// <summary>Gets the number of training points.</summary>
    public int Count { get; }

    /// <summary>Gets the number of input coordinates.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the jitter the Cholesky factorization needed.</summary>
    public double Jitter { get; }

    /// <summary>Conditions the process on training data.</summary>
    /// <param name="x">The n × d training inputs, row-major.</param>
    /// <param name="y">The n (standardized) targets.</param>
    /// <param name="hyperparameters">The kernel hyperparameters.</param>
    /// <returns>The posterior.</returns>
    public static GaussianProcess Condition(double[] x, double[] y, GpHyperparameters hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var n = y.Length;
        var d = hyperparameters.LengthScales.Length;
        var inverseScales = hyperparameters.LengthScales.Select(l => 1.0 / l).ToArray();
        var scaled = Scale(x, n, inverseScales);
        var s2 = hyperparameters.SignalVariance;
        var k = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var a = scaled.AsSpan(i * d, d);
            k[(i * n) + i] = s2 + hyperparameters.NoiseVariance;
            for (var j = 0; j < i; j++)
            {
                var value = s2 * Matern52.Correlation(Matern52.Distance(a, scaled.AsSpan(j * d, d)));
                k[(i * n) + j] = value;
                k[(j * n) + i] = value;
            }
        }

        var cholesky = RobustCholesky.Factor(k, n, out var jitter);
        var alpha = cholesky.Solve(Vector<double>.Build.Dense(y)).ToArray();
        var inverse = CholeskyInverse.Of(cholesky, n);
        return new GaussianProcess(n, d, scaled, inverseScales, alpha, inverse, s2, jitter);
    }

    /// <summary>Gets each training target's leave-one-out residual, <c>y_i − μ₋ᵢ(x_i)</c> = <c>[K⁻¹y]_i / [K⁻¹]_ii</c>:
    /// how far the model fitted on every other point misses point i (same hyperparameters), in O(n).</summary>
    /// <returns>The n residuals, in training order.</returns>
    public double[] LeaveOneOutResiduals()
    {
        var n = Count;
        var residuals = new double[n];
        for (var i = 0; i < n; i++)
        {
            residuals[i] = _alpha[i] / _inverse[(i * n) + i];
        }

        return residuals;
    }

    /// <summary>Predicts the latent mean and variance at <paramref name="point"/>.</summary>
    /// <param name="point">A point of the unit cube (d values).</param>
    /// <param name="workspace">Scratch space of at least <see cref="WorkspaceLength"/> values.</param>
    /// <returns>The mean and the variance (at least 1e-12 of the signal variance).</returns>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> point, Span<double> workspace)
    {
        var n = Count;
        var d = Dimensions;
        var z = workspace[..d];
        var k = workspace.Slice(d, n);
        for (var j = 0; j < d; j++)
        {
            z[j] = point[j] * _inverseScales[j];
        }

        for (var i = 0; i < n; i++)
        {
            k[i] = _signal * Matern52.Correlation(Matern52.Distance(z, _scaled.AsSpan(i * d, d)));
        }

        var mean = Matern52.Dot(k, _alpha);
        var quadratic = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (k[i] != 0.0)
            {
                quadratic += k[i] * Matern52.Dot(_inverse.AsSpan(i * n, n), k);
            }
        }

        return (mean, Math.Max(_signal - quadratic, 1e-12 * _signal));
    }

    /// <summary>Predicts the latent mean and variance at <paramref name="point"/> and their gradients.</summary>
    /// <param name="point">A point of the unit cube.</param>
    /// <param name="meanGradient">Receives d(mean)/d(point).</param>
    /// <param name="varianceGradient">Receives d(variance)/d(point) (0 where the variance is at its floor).</param>
    /// <param name="workspace">Scratch space of at least <see cref="WorkspaceLength"/> values.</param>
    /// <returns>The mean and the variance.</returns>
    public (double Mean, double Variance) PredictWithGradient(
        ReadOnlySpan<double> point, Span<double> meanGradient, Span<double> varianceGradient, Span<double> workspace)
    {
        var n = Count;
        var d = Dimensions;
        var z = workspace[..d];
        var k = workspace.Slice(d, n);
        var r = workspace.Slice(d + n, n);
        var t = workspace.Slice(d + n + n, n);
        for (var j = 0; j < d; j++)
        {
            z[j] = point[j] * _inverseScales[j];
        }

        for (var i = 0; i < n; i++)
        {
            r[i] = Matern52.Distance(z, _scaled.AsSpan(i * d, d));
            k[i] = _signal * Matern52.Correlation(r[i]);
        }

        var mean = Matern52.Dot(k, _alpha);
        var quadratic = 0.0;
        for (var i = 0; i < n; i++)
        {
            t[i] = Matern52.Dot(_inverse.AsSpan(i * n, n), k);
            quadratic += k[i] * t[i];
        }

        var variance = _signal - quadratic;
        var floored = variance <= 1e-12 * _signal;
        meanGradient[..d].Clear();
        varianceGradient[..d].Clear();
        for (var i = 0; i < n; i++)
        {
            // dk_i/dx_j = −s²·G(r)·(z_j − z_ij)/ℓ_j
            var factor = -_signal * Matern52.GradientFactor(r[i]);
            var row = _scaled.AsSpan(i * d, d);
            var a = _alpha[i];
            var b = -2.0 * t[i];
            for (var j = 0; j < d; j++)
            {
                var dk = factor * (z[j] - row[j]) * _inverseScales[j];
                meanGradient[j] += a * dk;
                varianceGradient[j] += b * dk;
            }
        }

        if (floored)
        {
            varianceGradient[..d].Clear();
        }

        return (mean, Math.Max(variance, 1e-12 * _signal));
    }

    /// <summary>Gets the scratch length <see cref="Predict"/> and <see cref="PredictWithGradient"/> need.</summary>
    public int WorkspaceLength => Dimensions + (3 * Count);

    private static double[] Scale(double[] x, int n, double[] inverseScales)
    {
        var d = inverseScales.Length;
        var scaled = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                scaled[(i * d) + j] = x[(i * d) + j] * inverseScales[j];
            }
        }

        return scaled;
    }
}
