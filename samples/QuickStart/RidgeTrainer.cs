namespace QuickStart;

/// <summary>The seed's training script (02_train.py) in C#: Ridge(alpha) fitted on growing shares of the training rows;
/// r2 on the test rows after each fit is one report, so an early termination policy has intervals to evaluate.</summary>
internal static class RidgeTrainer
{
    /// <summary>The share of the training rows each step fits (the same as 02_train.py).</summary>
    public static readonly double[] Fractions = [0.25, 0.5, 0.75, 1.0];

    /// <summary>Fits Ridge(alpha) on the first rows of the training split for <paramref name="step"/>.</summary>
    public static RidgeRegression Fit(DiabetesData data, double alpha, int step)
    {
        // Python's int(round(n * f)) rounds half to even, as Math.Round does by default.
        var rows = Math.Max(2, (int)Math.Round(data.TrainY.Length * Fractions[step], MidpointRounding.ToEven));
        return RidgeRegression.Fit(data.TrainX[..rows], data.TrainY[..rows], alpha);
    }
}
