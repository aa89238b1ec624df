namespace QuickStart;

/// <summary>The seed's training script (02_train.py) in C#: Ridge(alpha) fitted on growing shares of the training rows,
/// reporting r2 on the test rows after each fit, so an early termination policy has intervals to evaluate.</summary>
internal static class RidgeTrainer
{
    public static readonly double[] Fractions = [0.25, 0.5, 0.75, 1.0];

    /// <summary>Trains and reports r2 once per fraction; returns the final model.</summary>
    /// <param name="data">The split data.</param>
    /// <param name="alpha">The regularization strength.</param>
    /// <param name="report">Receives (step, r2) after each fit.</param>
    /// <param name="cancellationToken">Stops between fits.</param>
    public static RidgeRegression Train(DiabetesData data, double alpha, Action<int, double> report, CancellationToken cancellationToken)
    {
        RidgeRegression? model = null;
        for (var step = 0; step < Fractions.Length; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Max(2, (int)Math.Round(data.TrainY.Length * Fractions[step], MidpointRounding.ToEven));
            model = RidgeRegression.Fit(data.TrainX[..rows], data.TrainY[..rows], alpha);
            report(step, model.R2(data.TestX, data.TestY));
        }

        return model!;
    }
}
