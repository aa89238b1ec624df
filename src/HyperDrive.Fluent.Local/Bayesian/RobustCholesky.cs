using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// Cholesky factorization (MathNet.Numerics) of a kernel matrix with jitter escalation: when the matrix is not
/// numerically positive definite, 1e-9, 1e-8, … up to 1e-2 times its mean diagonal is added to the diagonal until it
/// is.
/// </summary>
internal static class RobustCholesky
{
    private const int MaxAttempts = 8;

    /// <summary>Factors the symmetric <paramref name="n"/>×<paramref name="n"/> matrix held in
    /// <paramref name="values"/>.</summary>
    /// <param name="values">The matrix (row- or column-major: it is symmetric); jitter is added to its diagonal in
    /// place.</param>
    /// <param name="n">Its order.</param>
    /// <param name="jitter">The jitter that was added (0 when none was needed).</param>
    /// <returns>The factorization.</returns>
    /// <exception cref="InvalidOperationException">The matrix is not positive definite even with the largest jitter (it
    /// holds NaN or infinity).</exception>
    public static Cholesky<double> Factor(double[] values, int n, out double jitter)
    {
        var matrix = Matrix<double>.Build.Dense(n, n, values);
        var meanDiagonal = 0.0;
        for (var i = 0; i < n; i++)
        {
            meanDiagonal += values[(i * n) + i];
        }

        meanDiagonal = Math.Max(meanDiagonal / Math.Max(1, n), 1e-12);
        jitter = 0.0;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                return matrix.Cholesky();
            }
            catch (ArgumentException)
            {
                var next = meanDiagonal * Math.Pow(10, attempt - 9);
                for (var i = 0; i < n; i++)
                {
                    values[(i * n) + i] += next - jitter;
                }

                jitter = next;
            }
        }

        throw new InvalidOperationException(
            "The Gaussian process's kernel matrix is not positive definite even with jitter; an objective value may " +
            "be NaN or infinite.");
    }
}
