using HyperDrive.Fluent.Extensions;
using HyperDrive.Fluent.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HostedSweeps;

/// <summary>Runs the sweep named by <c>Sweeps:Run</c> once, then stops the host. The engine is whatever configuration chose.</summary>
internal sealed partial class SweepWorker(
    ISweepEngine engine, ISweepCatalog catalog, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<SweepWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = configuration["Sweeps:Run"] ?? "ridge";
        try
        {
            await using var run = await engine.StartAsync(catalog.Get(name), cancellationToken: stoppingToken);
            SweepResult result;
            try
            {
                result = await run.WaitForCompletionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Ctrl+C: stop every trial before the host goes down.
                await run.CancelAsync(CancellationToken.None);
                result = await run.WaitForCompletionAsync(CancellationToken.None);
            }

            var best = result.BestTrial;
            var alpha = best is null ? "-" : Convert.ToString(best.Parameters["alpha"], System.Globalization.CultureInfo.InvariantCulture)!;
            var canceled = result.Trials.Count(t => t.Status == TrialStatus.Canceled);
            LogResult(logger, name, result.Status, best?.Id ?? "none", alpha, canceled);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Name} {Status}: best trial {BestTrial} with alpha {Alpha}; {Canceled} trials canceled")]
    private static partial void LogResult(ILogger logger, string name, SweepRunStatus status, string bestTrial, string alpha, int canceled);
}
