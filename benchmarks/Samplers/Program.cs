using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent;
using HyperDrive.Fluent.Benchmarks.Samplers;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Bayesian;
using HyperDrive.Fluent.Local.Sampling;

// Sampler benchmark: ours (random, Sobol, Bayesian; through the engine's ISampler API) against Optuna 3.1's
// samplers, side by side in one invocation. Two suites (README.md): `--suite tuning` (the default: real scikit-learn
// tuning problems, TuningSuite.cs) and `--suite classic` (Branin, Hartmann-6, diabetes ridge).
const int LatencyProposals = 25;
var trials = IntOption("--trials", 50);
var seeds = IntOption("--seeds", 21);
var problems = StringOption("--problems", "branin,hartmann6,ridge").Split(',');
var ours = StringOption("--samplers", "random,sobol,bayesian").Split(',');
var skipOptuna = args.Contains("--skip-optuna");
var skipLatency = args.Contains("--skip-latency");
var optunaSamplers = "optuna-random,optuna-qmc,optuna-tpe,optuna-cmaes";
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

if (StringOption("--suite", "tuning") == "tuning")
{
    return await TuningSuite.RunAsync(StringOption, skipOptuna, skipLatency, cancellation.Token);
}

var clock = Stopwatch.StartNew();
Console.Error.WriteLine($"Running Optuna ({OptunaRunner.Python}) ...");
using var optuna = await OptunaRunner.RunAsync(trials, skipOptuna ? 1 : seeds, string.Join(',', problems), skipOptuna ? "optuna-tpe" : optunaSamplers, cancellation.Token);
var root = optuna.RootElement;
var ridgeData = root.GetProperty("ridge");
var ridge = new RidgeProblem(Rows(ridgeData.GetProperty("xTrain")), Values(ridgeData.GetProperty("yTrain")), Rows(ridgeData.GetProperty("xTest")), Values(ridgeData.GetProperty("yTest")));
foreach (var check in ridgeData.GetProperty("checks").EnumerateArray())
{
    var alpha = check[0].GetDouble();
    var difference = Math.Abs(ridge.R2(alpha) - check[1].GetDouble());
    if (difference > 1e-9)
    {
        throw new InvalidOperationException($"The .NET ridge r2 at alpha={alpha} differs from scikit-learn's by {difference:E2}.");
    }
}

var optima = root.GetProperty("optima");
var all = new Dictionary<string, BenchmarkProblem>
{
    ["branin"] = BenchmarkProblem.Branin(),
    ["hartmann6"] = BenchmarkProblem.Hartmann6(),
    ["ridge"] = BenchmarkProblem.Ridge(ridge, optima.GetProperty("ridge").GetDouble()),
};

var regrets = new Dictionary<(string Problem, string Sampler), double[]>();
foreach (var name in problems)
{
    var problem = all[name];
    foreach (var sampler in root.GetProperty("results").GetProperty(name).EnumerateObject())
    {
        regrets[(name, sampler.Name)] = sampler.Value.EnumerateArray().Select(v => problem.Regret(v.GetDouble())).ToArray();
    }

    foreach (var sampler in ours)
    {
        var watch = Stopwatch.StartNew();
        var results = new double[seeds];
        Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellation.Token }, seed =>
            results[seed] = problem.Regret(Run(problem, Samplers.Create(sampler, problem.SearchSpace, problem.Goal, seed), trials)));
        regrets[(name, sampler)] = results;
        Console.Error.WriteLine($"  ours: {name} {sampler} done in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

var versions = root.GetProperty("versions");
Console.WriteLine($"Median simple regret after {trials} trials over {seeds} seeds (best found minus the known optimum; lower is better)");
Console.WriteLine($"optuna {versions.GetProperty("optuna").GetString()}, scikit-learn {versions.GetProperty("sklearn").GetString()}; ridge optimum r2 {optima.GetProperty("ridge").GetDouble():F6} at alpha {root.GetProperty("ridgeBestAlpha").GetDouble():F4}");
Console.WriteLine();
var samplerNames = regrets.Keys.Select(k => k.Sampler).Distinct().ToList();
Console.WriteLine($"| {"sampler",-16} | " + string.Join(" | ", problems.Select(p => $"{p + " regret",16} | {"÷ TPE",6}")) + " |");
Console.WriteLine("|" + new string('-', 18) + "|" + string.Join("|", problems.Select(_ => new string('-', 18) + "|" + new string('-', 8))) + "|");
foreach (var sampler in samplerNames)
{
    var cells = problems.Select(p =>
    {
        if (!regrets.TryGetValue((p, sampler), out var r))
        {
            return $"{"",16} | {"",6}";
        }

        var median = Median(r);
        var tpe = regrets.TryGetValue((p, "optuna-tpe"), out var t) ? Median(t) : double.NaN;
        return $"{median,16:G4} | {median / tpe,6:G3}";
    });
    Console.WriteLine($"| {sampler,-16} | " + string.Join(" | ", cells) + " |");
}

Console.WriteLine();
foreach (var name in problems)
{
    if (regrets.TryGetValue((name, "bayesian"), out var bayes) && regrets.TryGetValue((name, "optuna-tpe"), out var tpe) && regrets.TryGetValue((name, "random"), out var random))
    {
        var half = Median(bayes) <= 0.5 * Median(tpe);
        var notWorse = Median(bayes) <= Median(random);
        Console.WriteLine($"target {name}: bayesian ≤ ½ TPE: {(half ? "yes" : "NO")}; bayesian ≤ our random: {(notWorse ? "yes" : "NO")}");
    }
}

if (!skipLatency)
{
    Console.WriteLine();
    Console.WriteLine($"Bayesian proposal latency (Hartmann-6, history of N finished random trials, {LatencyProposals} consecutive proposals N..N+{LatencyProposals - 1}, one sampler as in a sweep; load average {LoadAverage()}):");
    foreach (var n in new[] { 50, 200 })
    {
        var (cold, median, mean, min, max) = Latency(all["hartmann6"], n);
        Console.WriteLine($"  N={n,3}: first (cold, with the hyperparameter fit) {cold,6:F1} ms; median {median,5:F1} ms; min {min,5:F1} ms; mean (refits included) {mean,5:F1} ms; max {max,6:F1} ms");
    }
}

Console.Error.WriteLine($"Total {clock.Elapsed.TotalSeconds:F0} s");
return 0;

static double Run(BenchmarkProblem problem, ISampler sampler, int trials)
{
    var history = new List<SamplerObservation>();
    double? best = null;
    for (var n = 0; n < trials; n++)
    {
        var parameters = sampler.Propose(n, new SamplerHistory(history)) ?? throw new InvalidOperationException("The sampler ran out of points.");
        var value = problem.Evaluate(parameters);
        history.Add(new SamplerObservation(parameters, value, IsPending: false));
        if (best is null || (problem.Goal == ObjectiveGoal.Minimize ? value < best : value > best))
        {
            best = value;
        }
    }

    return best!.Value;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "n/a";

static (double Cold, double Median, double Mean, double Min, double Max) Latency(BenchmarkProblem problem, int n)
{
    var random = new RandomSampler(problem.SearchSpace, 12345);
    var history = new List<SamplerObservation>();
    for (var i = 0; i < n + LatencyProposals; i++)
    {
        var parameters = random.Propose(i, SamplerHistory.Empty)!;
        history.Add(new SamplerObservation(parameters, problem.Evaluate(parameters), false));
    }

    var sampler = new BayesianSampler(problem.SearchSpace, problem.Goal, 7);
    var times = new List<double>();
    for (var k = 0; k < LatencyProposals; k++)
    {
        var prefix = new SamplerHistory(history.Take(n + k).ToList());
        var watch = Stopwatch.StartNew();
        sampler.Propose(n + k, prefix);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return (times[0], Median(times.ToArray()), times.Average(), times.Min(), times.Max());
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
}

static double[][] Rows(JsonElement element) => element.EnumerateArray().Select(Values).ToArray();

static double[] Values(JsonElement element) => element.EnumerateArray().Select(v => v.GetDouble()).ToArray();

int IntOption(string name, int fallback) => int.Parse(StringOption(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string StringOption(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
