namespace QuickStart;

/// <summary>Ridge regression with an intercept, solved in closed form like scikit-learn's <c>Ridge(alpha)</c>:
/// centre X and y, solve (XᵀX + αI) w = Xᵀy by Cholesky, intercept = ȳ − x̄·w.</summary>
internal sealed class RidgeRegression
{
    private RidgeRegression(double[] weights, double intercept)
    {
        Weights = weights;
        Intercept = intercept;
    }

    public double[] Weights { get; }

    public double Intercept { get; }

    public static RidgeRegression Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        var rows = x.Count;
        var p = x[0].Length;
        var xMean = new double[p];
        foreach (var row in x)
        {
            for (var j = 0; j < p; j++)
            {
                xMean[j] += row[j] / rows;
            }
        }

        var yMean = y.Average();
        var gram = new double[p, p];
        var rhs = new double[p];
        for (var r = 0; r < rows; r++)
        {
            var yc = y[r] - yMean;
            for (var i = 0; i < p; i++)
            {
                var xi = x[r][i] - xMean[i];
                rhs[i] += xi * yc;
                for (var j = 0; j <= i; j++)
                {
                    gram[i, j] += xi * (x[r][j] - xMean[j]);
                }
            }
        }

        for (var i = 0; i < p; i++)
        {
            gram[i, i] += alpha;
        }

        var weights = SolveCholesky(gram, rhs);
        var intercept = yMean;
        for (var j = 0; j < p; j++)
        {
            intercept -= xMean[j] * weights[j];
        }

        return new RidgeRegression(weights, intercept);
    }

    public double Predict(double[] row)
    {
        var value = Intercept;
        for (var j = 0; j < Weights.Length; j++)
        {
            value += Weights[j] * row[j];
        }

        return value;
    }

    /// <summary>The coefficient of determination on (x, y), as scikit-learn's <c>r2_score</c>.</summary>
    public double R2(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        var mean = y.Average();
        double residual = 0, total = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var error = y[i] - Predict(x[i]);
            residual += error * error;
            total += (y[i] - mean) * (y[i] - mean);
        }

        return 1 - (residual / total);
    }

    // A is symmetric positive definite (lower triangle filled): A = L Lᵀ, then forward and back substitution.
    private static double[] SolveCholesky(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (sum <= 0)
                    {
                        throw new InvalidOperationException("The ridge system is not positive definite; use a larger alpha.");
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * z[k];
            }

            z[i] = sum / l[i, i];
        }

        var w = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[k, i] * w[k];
            }

            w[i] = sum / l[i, i];
        }

        return w;
    }
}
