using MathNet.Numerics.LinearAlgebra;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>
/// The diabetes ridge problem evaluated in closed form, exactly as scikit-learn's <c>Ridge(solver="cholesky")</c> does:
/// centre the training data, solve <c>(XcᵀXc + αI)w = Xcᵀyc</c>, intercept <c>ȳ − x̄ᵀw</c>, score r² on the test split.
/// The data split comes from the Python side (sklearn's bundled diabetes data, <c>train_test_split(test_size=0.2,
/// random_state=42)</c>), so both sides score the same numbers.
/// </summary>
internal sealed class RidgeProblem
{
    private readonly Matrix<double> _gram;
    private readonly Vector<double> _xty;
    private readonly Vector<double> _xMean;
    private readonly double _yMean;
    private readonly Matrix<double> _xTest;
    private readonly Vector<double> _yTest;
    private readonly double _testTotal;

    public RidgeProblem(double[][] xTrain, double[] yTrain, double[][] xTest, double[] yTest)
    {
        var x = Matrix<double>.Build.DenseOfRowArrays(xTrain);
        var y = Vector<double>.Build.Dense(yTrain);
        _xMean = x.ColumnSums() / x.RowCount;
        _yMean = y.Average();
        var centred = x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => _xMean[j]);
        _gram = centred.TransposeThisAndMultiply(centred);
        _xty = centred.TransposeThisAndMultiply(y - _yMean);
        _xTest = Matrix<double>.Build.DenseOfRowArrays(xTest);
        _yTest = Vector<double>.Build.Dense(yTest);
        var testMean = _yTest.Average();
        _testTotal = (_yTest - testMean).DotProduct(_yTest - testMean);
    }

    /// <summary>Gets the test r² of ridge regression with penalty <paramref name="alpha"/>.</summary>
    /// <param name="alpha">The penalty.</param>
    /// <returns>r².</returns>
    public double R2(double alpha)
    {
        var w = (_gram + (alpha * Matrix<double>.Build.DenseIdentity(_gram.RowCount))).Cholesky().Solve(_xty);
        var intercept = _yMean - _xMean.DotProduct(w);
        var residual = _yTest - ((_xTest * w) + intercept);
        return 1.0 - (residual.DotProduct(residual) / _testTotal);
    }
}
