using HyperDrive.Fluent.Engines;

namespace HostedSweeps;

/// <summary>Stand-ins for training code: each epoch reports an r2 that approaches a peak at a known alpha.</summary>
internal static class Trainers
{
    public static Task RidgeAsync(TrialContext context, CancellationToken cancellationToken) =>
        TrainAsync(context, peak: 0.3, cancellationToken);

    public static Task LassoAsync(TrialContext context, CancellationToken cancellationToken) =>
        TrainAsync(context, peak: 0.01, cancellationToken);

    private static async Task TrainAsync(TrialContext context, double peak, CancellationToken cancellationToken)
    {
        var alpha = context.Parameters.GetDouble("alpha");
        var ceiling = 0.5 - Math.Abs(Math.Log10(alpha) - Math.Log10(peak)) * 0.1;
        for (var epoch = 1; epoch <= 4; epoch++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
            context.Report("r2", ceiling * (1 - 1.0 / (epoch + 1)), epoch);
        }
    }
}
