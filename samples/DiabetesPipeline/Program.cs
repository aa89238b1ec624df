// DiabetesPipeline: the seed's pipeline built with the DSL and run on this machine with real Python scripts.
//
//   dotnet run --project samples/DiabetesPipeline [-- --out DIR] [--python PATH]
//   dotnet run --project samples/DiabetesPipeline -- --azure [--wait] [--endpoint URL]   (see AzureSubmission.cs)
//
//   prep      01_prep_data.py   scikit-learn's diabetes data, train_test_split(test_size=0.2, random_state=0)
//   tune      02_train.py       sweep: --alpha ~ uniform(0.05, 1.0), maximize r2, Bandit(2, 0.1), 4 trials, 2 at a time
//   register  03_reg_model.py   reads the best model output and the sweep's metrics output, writes a model manifest
//
// Needs Python 3 with scikit-learn (apt-get install python3-sklearn, or pip install scikit-learn).
using HyperDrive.Fluent;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Trials;
using DiabetesPipeline;
using static HyperDrive.Fluent.Distributions;

string outputRoot = Path.Combine(".", ".hyperdrive", "runs");
string? requestedPython = null;
bool azure = false, wait = false;
string? endpoint = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out" when i + 1 < args.Length:
            outputRoot = args[++i];
            break;
        case "--python" when i + 1 < args.Length:
            requestedPython = args[++i];
            break;
        case "--azure":
            azure = true;
            break;
        case "--wait":
            wait = true;
            break;
        case "--endpoint" when i + 1 < args.Length:
            endpoint = args[++i];
            break;
        default:
            Console.Error.WriteLine($"'{args[i]}' is not a valid option.\nusage: dotnet run --project samples/DiabetesPipeline [-- [--out DIR] [--python PATH] | --azure [--wait] [--endpoint https://URL]]");
            return 2;
    }
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.WriteLine("Canceling the pipeline...");
    cancel.Cancel();
};

var candidates = PythonFinder.Candidates(requestedPython);
var python = azure ? "python" : await PythonFinder.FindWithSklearnAsync(candidates, cancel.Token); // Azure ML runs its own
if (python is null)
{
    Console.Error.WriteLine(PythonFinder.InstallHint(candidates));
    return 3;
}

if (!azure)
{
    Console.WriteLine($"Python with scikit-learn: {python}");
}

var code = Path.Combine(AppContext.BaseDirectory, "src");
var runName = $"diabetes-{DateTime.UtcNow:MMdd-HHmmss}";
var runFolder = Path.GetFullPath(Path.Combine(outputRoot, runName));

PipelineDefinition pipeline = Pipeline.Create("diabetes-ridge-pipeline")
    .DisplayName("diabetes ridge: prep, tune, register")
    .Step("prep", "01_prep_data.py", s => s
        .Code(code)
        .Output("--train_data")
        .Output("--test_data"))
    .Sweep("tune", Sweep.For("02_train.py")
        .Code(code)
        .BindInput("--train_data", "prep", "train_data")
        .BindInput("--test_data", "prep", "test_data")
        .Output("--model_output")
        .Sample("--alpha", Uniform(0.05, 1.0))
        .Maximize("r2")
        .Bandit(2, 0.1)
        .Runs(4, 2))
    .Step("register", "03_reg_model.py", s => s
        .Code(code)
        .BindInput("--model", "tune", "model_output")
        // The sweep's metrics output: the local engine writes every trial's metrics to the tune step's
        // metrics_output.json (trial -> metric -> values); the --model binding makes this step run after tune.
        .Input("--metrics", new LiteralInput(Path.Combine(runFolder, "steps", "tune", "metrics_output.json")))
        .Input("--model_name", new LiteralInput("diabetes-ridge"))
        .Output("--registered_model"))
    .Build();

if (azure)
{
    return await AzureSubmission.RunAsync(pipeline, endpoint, wait, cancel.Token);
}

Console.WriteLine($"Pipeline steps in order: {string.Join(" -> ", pipeline.GetExecutionOrder())}");
await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { PythonExecutable = python, StreamTrialOutput = false });
var run = await engine.StartAsync(pipeline, new SweepRunOptions { RunName = runName, OutputDirectory = runFolder }, cancel.Token);
await using var registration = cancel.Token.Register(() => _ = run.CancelAsync());

await foreach (var update in run.WatchAsync())
{
    var where = update.StepName is { } step ? $"[{step}] " : string.Empty;
    var line = update.Kind switch
    {
        TrialUpdateKind.Started => $"  {where}{update.TrialId} started{(update.Parameters is { Count: > 0 } p ? ": " + string.Join(", ", p.Select(kv => $"{kv.Key} = {kv.Value:0.####}")) : string.Empty)}",
        TrialUpdateKind.Metric when update.Metric is { } m => $"  {where}{update.TrialId} {m.Name} = {m.Value:F4} (step {m.Step})",
        TrialUpdateKind.PolicyEvaluated when update.Decision is { } d => $"  {where}bandit at interval {d.Interval}: {update.TrialId} {(d.Terminate ? "terminated" : "continues")} (best {d.Value:F4}, threshold {d.Threshold:F4})",
        TrialUpdateKind.Finished => $"  {where}{update.TrialId} {update.Status?.ToString().ToLowerInvariant()}",
        TrialUpdateKind.Notice => $"  {where}note: {update.Message}",
        _ => null,
    };
    if (line is not null)
    {
        Console.WriteLine(line);
    }
}

var result = await run.WaitForCompletionAsync();
Console.WriteLine();
Console.WriteLine($"Pipeline {result.RunId}: {result.Status.ToString().ToLowerInvariant()}");
foreach (var (name, step) in result.Steps)
{
    var best = step.BestTrial is { } b && step.Objective is { } o && b.BestValue(o) is { } v
        ? $", best {b.Id}: alpha = {b.Parameters.GetValueOrDefault("alpha"):F4}, {o.PrimaryMetric} = {v:F4}"
        : string.Empty;
    Console.WriteLine($"  {name}: {step.Status.ToString().ToLowerInvariant()}, {step.Trials.Count} trial(s){best}");
}

if (result.Error is { } error)
{
    Console.Error.WriteLine(error);
}

var manifest = Path.Combine(runFolder, "steps", "register", "best", "registered_model", "model_manifest.json");
Console.WriteLine($"Results: {runFolder}");
Console.WriteLine($"  report.html{(File.Exists(manifest) ? ", " + Path.GetRelativePath(runFolder, manifest) : string.Empty)}");
return result.Status switch
{
    SweepRunStatus.Completed => 0,
    SweepRunStatus.Canceled => 130,
    _ => 1,
};
