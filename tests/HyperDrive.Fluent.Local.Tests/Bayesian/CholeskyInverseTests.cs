using HyperDrive.Fluent.Local.Bayesian;
using MathNet.Numerics.LinearAlgebra;

namespace HyperDrive.Fluent.Local.Tests.Bayesian;

public class CholeskyInverseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(203)]
    public void The_inverse_from_the_factor_equals_solving_against_the_identity(int n)
    {
        var random = new Random(n);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => random.NextDouble() - 0.5);
        var spd = (a * a.Transpose()) + (Matrix<double>.Build.DenseIdentity(n) * 0.1);
        var cholesky = spd.Cholesky();

        var inverse = CholeskyInverse.Of(cholesky, n);

        var expected = cholesky.Solve(Matrix<double>.Build.DenseIdentity(n));
        var scale = expected.Enumerate().Max(Math.Abs);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[(i * n) + j].Should().BeApproximately(expected[i, j], 1e-9 * scale, $"entry ({i}, {j})");
                inverse[(i * n) + j].Should().Be(inverse[(j * n) + i]);
            }
        }
    }
}
