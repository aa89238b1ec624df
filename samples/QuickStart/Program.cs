// QuickStart: the seed's sweep run on this machine, with the ridge trainer in C# (no Python needed).
//
//   dotnet run --project samples/QuickStart [-- --out DIR] [--seed N]
//
// Ridge(alpha) on scikit-learn's diabetes data, alpha ~ uniform(0.05, 1.0), maximize r2, Bandit(2, 0.1), 4 trials,
// 2 at a time. Each trial reports r2 four times (after fitting 25%, 50%, 75% and 100% of the training rows), so the
// bandit policy has intervals to evaluate. Ctrl+C cancels the sweep cleanly.
using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using QuickStart;
using static HyperDrive.Fluent.Distributions;

var settings = QuickStartSettings.Parse(args);
if (settings is null)
{
    return 2;
}

var data = DiabetesData.Load(Path.Combine(AppContext.BaseDirectory, "Data"));
Console.WriteLine($"Diabetes data: {data.TrainY.Length} training rows, {data.TestY.Length} test rows, {DiabetesData.Features} features.");

SweepDefinition sweep = Sweep.For(async (TrialContext ctx, CancellationToken ct) =>
    {
        var alpha = ctx.Parameters.GetDouble("alpha");
        RidgeRegression? model = null;
        for (var step = 0; step < RidgeTrainer.Fractions.Length; step++)
        {
            // The fits take microseconds; the pause stands in for an epoch of real training, so two trials overlap and
            // the bandit policy compares them at the same interval.
            await Task.Delay(settings.StepDelay, ct);
            model = RidgeTrainer.Fit(data, alpha, step);
            ctx.Report("r2", model.R2(data.TestX, data.TestY), step);
        }

        // The trial's model output; the engine copies the best trial's outputs to best/.
        await File.WriteAllTextAsync(
            Path.Combine(ctx.OutputDirectory, "model.json"),
            JsonSerializer.Serialize(new { alpha, intercept = model!.Intercept, weights = model.Weights }),
            ct);
    })
    .Name("quickstart-ridge")
    .DisplayName("ridge-sweep")
    .Sample("alpha", Uniform(0.05, 1.0))
    .Maximize("r2")
    .Bandit(2, 0.1)
    .Runs(4, 2)
    .Build();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;  // let the sweep stop its trials and write its results
    Console.WriteLine("Canceling the sweep...");
    cancel.Cancel();
};

// The run (and its folder) is named ridge-MMdd-HHmmss; its trials are ridge-MMdd-HHmmss_0 .. _3.
await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { OutputRoot = settings.OutputRoot, DefaultSeed = settings.Seed });
var run = await engine.StartAsync(sweep, new SweepRunOptions { RunName = $"ridge-{DateTime.UtcNow:MMdd-HHmmss}" });
Console.WriteLine($"Sweep {run.Id} started: 4 trials, 2 at a time. Ctrl+C to cancel.");
await using var registration = cancel.Token.Register(() => _ = run.CancelAsync());

await foreach (var update in run.WatchAsync())
{
    var line = update.Kind switch
    {
        TrialUpdateKind.Started => $"  {update.TrialId} started: alpha = {Format(update.Parameters?["alpha"])}",
        TrialUpdateKind.Metric when update.Metric is { } m => $"  {update.TrialId} r2 = {m.Value:F4} (step {m.Step})",
        TrialUpdateKind.PolicyEvaluated when update.Decision is { } d =>
            $"  bandit at interval {d.Interval}: {update.TrialId} best {d.Value:F4} vs threshold {d.Threshold:F4} -> {(d.Terminate ? "terminate" : "continue")}",
        TrialUpdateKind.Finished => $"  {update.TrialId} {update.Status?.ToString().ToLowerInvariant()}",
        TrialUpdateKind.Notice => $"  note: {update.Message}",
        _ => null,
    };
    if (line is not null)
    {
        Console.WriteLine(line);
    }
}

var result = await run.WaitForCompletionAsync();
ResultTable.Print(result);

var folder = result.OutputDirectory ?? ((LocalSweepRun)run).OutputDirectory;

var (yaml, json) = AzurePayloads.Write(folder);
Console.WriteLine();
Console.WriteLine($"Results: {folder}");
Console.WriteLine("  sweep.json, metrics_output.json, best/model.json, report.html");
Console.WriteLine($"  {Path.GetRelativePath(folder, yaml)}, {Path.GetRelativePath(folder, json)}: the same sweep as an Azure ML job running 02_train.py");
return result.Status switch
{
    SweepRunStatus.Completed => 0,
    SweepRunStatus.Canceled => 130,
    _ => 1,
};

static string Format(object? value) => value switch
{
    double d => d.ToString("F4", CultureInfo.InvariantCulture),
    null => "?",
    _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
};
