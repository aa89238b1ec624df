using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Bayesian;
using HyperDrive.Fluent.Local.Sampling;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>
/// The tuning suite (README.md): real scikit-learn tuning problems (TableProblem) at several budgets, sequentially and
/// with trials in flight, ours against Optuna's samplers (tuning_bench.py) in one invocation.
/// </summary>
internal static class TuningSuite
{
    private const string Reference = "optuna-tpe-mv";
    private const int LatencyProposals = 25;

    public static async Task<int> RunAsync(Func<string, string, string> option, bool skipOptuna, bool skipLatency, CancellationToken cancellationToken)
    {
        var problems = option("--problems", "elasticnet,knn,logreg,mlp,sgd").Split(',');
        var seeds = int.Parse(option("--seeds", "10"), CultureInfo.InvariantCulture);
        var budgets = option("--budgets", "20,40,80").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var batches = option("--batches", "1,4").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var ours = option("--samplers", "random,bayesian").Split(',');
        var parallel = int.Parse(option("--parallel", "2"), CultureInfo.InvariantCulture);
        var optunaCache = option("--optuna-json", "");
        var clock = Stopwatch.StartNew();

        // The Optuna peer, first (or read back from a file an earlier invocation saved, for quick iterations).
        JsonDocument optuna;
        if (optunaCache.Length > 0 && File.Exists(optunaCache))
        {
            optuna = JsonDocument.Parse(await File.ReadAllTextAsync(optunaCache, cancellationToken));
            Console.Error.WriteLine($"Optuna results read from {optunaCache} (not run in this invocation).");
        }
        else
        {
            Console.Error.WriteLine($"Running Optuna ({OptunaRunner.Python}) ...");
            var samplers = skipOptuna ? Reference : "optuna-tpe-mv,optuna-tpe,optuna-random,optuna-cmaes";
            optuna = await OptunaRunner.RunScriptAsync(
                "tuning_bench.py",
                ["--budgets", string.Join(',', budgets), "--seeds", (skipOptuna ? 1 : seeds).ToString(CultureInfo.InvariantCulture), "--problems", string.Join(',', problems), "--samplers", samplers, "--batches", string.Join(',', batches)],
                cancellationToken);
            if (optunaCache.Length > 0)
            {
                await File.WriteAllTextAsync(optunaCache, optuna.RootElement.GetRawText(), cancellationToken);
            }
        }

        var root = optuna.RootElement;
        var tables = problems.ToDictionary(p => p, TableProblem.Load);
        foreach (var (name, table) in tables)
        {
            // Both sides must evaluate the identical objective.
            foreach (var check in root.GetProperty("checks").GetProperty(name).EnumerateArray())
            {
                var ours0 = table.Evaluate(table.ReadPoint(check.GetProperty("point")));
                var theirs = check.GetProperty("value");
                var same = theirs.ValueKind == JsonValueKind.Null ? double.IsNaN(ours0) : Math.Abs(ours0 - theirs.GetDouble()) <= 1e-9 * Math.Max(1.0, Math.Abs(ours0));
                if (!same)
                {
                    throw new InvalidOperationException($"{name}: the .NET table objective {ours0} differs from tables.py's {theirs} at {check.GetProperty("point")}.");
                }
            }
        }

        // best[(problem, sampler/batch)] = per seed, the best value among the first B trials for each budget. A saved
        // Optuna file may hold more budgets than this invocation asks for: each budget is looked up by its value.
        var saved = root.GetProperty("budgets").EnumerateArray().Select(b => b.GetInt32()).ToList();
        var columns = budgets.Select(b => saved.IndexOf(b) is var i and >= 0 ? i : throw new InvalidOperationException($"The Optuna results hold budgets {string.Join(',', saved)}, not {b}; run Optuna again (drop --optuna-json).")).ToArray();
        var best = new Dictionary<(string Problem, string Sampler), double?[][]>();
        foreach (var problem in problems)
        {
            foreach (var sampler in root.GetProperty("results").GetProperty(problem).EnumerateObject())
            {
                best[(problem, sampler.Name)] = sampler.Value.EnumerateArray()
                    .Select(seed => seed.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray())
                    .Select(values => columns.Select(c => values[c]).ToArray())
                    .ToArray();
            }
        }

        foreach (var problem in problems)
        {
            var table = tables[problem];
            foreach (var sampler in ours)
            {
                foreach (var batch in batches)
                {
                    var watch = Stopwatch.StartNew();
                    var results = new double?[seeds][];
                    Parallel.For(0, seeds, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, seed =>
                        results[seed] = Run(table, Samplers.Create(sampler, table.SearchSpace, ObjectiveGoal.Maximize, seed), budgets, batch));
                    best[(problem, $"{sampler}/{batch}")] = results;
                    Console.Error.WriteLine($"  ours: {problem} {sampler}/{batch} done in {watch.Elapsed.TotalSeconds:F1} s");
                }
            }
        }

        Console.WriteLine($"Tuning suite: median simple regret (optimum minus best of the first B trials; lower is better) over {seeds} seeds");
        Console.WriteLine($"optuna {root.GetProperty("versions").GetProperty("optuna").GetString()}; problems: " + string.Join("; ", tables.Values.Select(t => $"{t.Name} ({t.Parameters} parameters, {t.Nodes} nodes, {t.FailedNodes} failed, optimum {t.Optimum:G6})")));
        Console.WriteLine("geo mean: geometric mean over the problems of the median regret floored at 1e-6 × (optimum − median node value); ÷TPE: ratio to optuna-tpe-mv (multivariate, constant liar) in the same column");
        var samplerNames = best.Keys.Select(k => k.Sampler[..k.Sampler.LastIndexOf('/')]).Distinct().ToList();
        foreach (var batch in batches)
        {
            for (var b = 0; b < budgets.Length; b++)
            {
                Console.WriteLine();
                Console.WriteLine($"### {budgets[b]} trials, {(batch == 1 ? "sequential" : $"{batch} at a time")}");
                Console.WriteLine();
                Console.WriteLine($"| {"sampler",-14} | " + string.Join(" | ", problems.Select(p => $"{p,10} | {"÷TPE",5}")) + $" | {"geo mean",9} | {"÷TPE",5} |");
                Console.WriteLine("|" + new string('-', 16) + "|" + string.Join("|", problems.Select(_ => new string('-', 12) + "|" + new string('-', 7))) + "|" + new string('-', 11) + "|" + new string('-', 7) + "|");
                var tpeGeo = Geo(problems, p => MedianRegret(tables[p], best, p, $"{Reference}/{batch}", b));
                foreach (var sampler in samplerNames)
                {
                    var key = $"{sampler}/{batch}";
                    var cells = problems.Select(p =>
                    {
                        var m = MedianRegret(tables[p], best, p, key, b);
                        var t = MedianRegret(tables[p], best, p, $"{Reference}/{batch}", b);
                        return m is null ? $"{"n/a",10} | {"",5}" : $"{m,10:G3} | {Ratio(m.Value, t),5}";
                    });
                    var geo = Geo(problems, p => MedianRegret(tables[p], best, p, key, b));
                    var geoCell = geo is null ? $"{"",9} | {"",5}" : $"{geo,9:G3} | {Ratio(geo.Value, tpeGeo),5}";
                    Console.WriteLine($"| {sampler,-14} | " + string.Join(" | ", cells) + $" | {geoCell} |");
                }

                Targets(problems, tables, best, batch, b);
            }
        }

        if (!skipLatency)
        {
            Console.WriteLine();
            Console.WriteLine($"Bayesian proposal latency: history of 200 finished random trials and 4 pending, {LatencyProposals} consecutive proposals (one sampler, as in a sweep); load average {LoadAverage()}");
            foreach (var problem in new[] { "sgd", "mlp" }.Where(tables.ContainsKey))
            {
                var (cold, median, mean, min, max, cpuMedian) = Latency(tables[problem], 200, 4);
                Console.WriteLine($"  {problem,-10}: first (cold, with the hyperparameter fit) {cold,6:F1} ms; median {median,5:F1} ms; min {min,5:F1} ms; mean (refits included) {mean,5:F1} ms; max {max,6:F1} ms; median CPU time of the proposing thread {cpuMedian,5:F1} ms");
            }
        }

        Console.Error.WriteLine($"Total {clock.Elapsed.TotalSeconds:F0} s");
        optuna.Dispose();
        return 0;
    }

    /// <summary>Runs one seed: asks until <paramref name="batch"/> trials are in flight, then finishes the oldest (the
    /// schedule tuning_bench.py drives Optuna's ask/tell with); returns the best value of the first B trials per budget.</summary>
    private static double?[] Run(TableProblem problem, ISampler sampler, int[] budgets, int batch)
    {
        var trials = budgets.Max();
        var history = new List<SamplerObservation>();
        var values = new double[trials];
        var running = new Queue<int>();
        for (var n = 0; n < trials; n++)
        {
            while (running.Count >= batch)
            {
                Finish(running.Dequeue());
            }

            var parameters = sampler.Propose(n, new SamplerHistory(history.ToList())) ?? throw new InvalidOperationException("The sampler ran out of points.");
            values[n] = problem.Evaluate(parameters);
            history.Add(new SamplerObservation(parameters, null, IsPending: true));
            running.Enqueue(n);
        }

        return budgets.Select(b => values.Take(b).Where(double.IsFinite).Select(v => (double?)v).DefaultIfEmpty(null).Max()).ToArray();

        void Finish(int n) => history[n] = history[n] with { Value = double.IsFinite(values[n]) ? values[n] : null, IsPending = false };
    }

    private static double? MedianRegret(TableProblem table, Dictionary<(string, string), double?[][]> best, string problem, string key, int budget) =>
        best.TryGetValue((problem, key), out var seeds) ? Median(seeds.Select(s => table.Regret(s[budget])).ToArray()) : null;

    private static double? Geo(string[] problems, Func<string, double?> regret)
    {
        var logs = new List<double>();
        foreach (var p in problems)
        {
            if (regret(p) is not { } r)
            {
                return null;
            }

            logs.Add(Math.Log(Math.Max(r, 1e-6 * TableScale(p))));
        }

        return Math.Exp(logs.Average());
    }

    private static readonly Dictionary<string, double> Scales = [];

    private static double TableScale(string problem)
    {
        lock (Scales)
        {
            if (!Scales.TryGetValue(problem, out var scale))
            {
                Scales[problem] = scale = TableProblem.Load(problem).Scale;
            }

            return scale;
        }
    }

    private static void Targets(string[] problems, Dictionary<string, TableProblem> tables, Dictionary<(string, string), double?[][]> best, int batch, int b)
    {
        var ours = $"bayesian/{batch}";
        if (!best.Keys.Any(k => k.Item2 == ours))
        {
            return;
        }

        var notes = new List<string>();
        foreach (var p in problems)
        {
            var m = MedianRegret(tables[p], best, p, ours, b);
            var t = MedianRegret(tables[p], best, p, $"{Reference}/{batch}", b);
            var r = MedianRegret(tables[p], best, p, $"random/{batch}", b);
            notes.Add($"{p}: ≤ TPE {(m <= t ? "yes" : "NO")}, ≤ random {(r is null ? "n/a" : m <= r ? "yes" : "NO")}");
        }

        var g = Geo(problems, p => MedianRegret(tables[p], best, p, ours, b));
        var tg = Geo(problems, p => MedianRegret(tables[p], best, p, $"{Reference}/{batch}", b));
        Console.WriteLine();
        Console.WriteLine($"targets (bayesian vs {Reference}): " + string.Join("; ", notes) + $"; geo mean ≤ ½ TPE: {(g <= 0.5 * tg ? "yes" : "NO")}");
    }

    private static string Ratio(double value, double? reference) =>
        reference is not { } r ? "" : r == 0 ? (value == 0 ? "1" : "inf") : (value / r).ToString("G3", CultureInfo.InvariantCulture);

    private static (double Cold, double Median, double Mean, double Min, double Max, double CpuMedian) Latency(TableProblem problem, int n, int pending)
    {
        var random = new RandomSampler(problem.SearchSpace, 12345);
        var history = new List<SamplerObservation>();
        for (var i = 0; i < n + LatencyProposals + pending; i++)
        {
            var parameters = random.Propose(i, SamplerHistory.Empty)!;
            var value = problem.Evaluate(parameters);
            history.Add(new SamplerObservation(parameters, double.IsFinite(value) ? value : null, false));
        }

        var sampler = new BayesianSampler(problem.SearchSpace, ObjectiveGoal.Maximize, 7);
        var times = new List<double>();
        var cpu = new List<double>();
        for (var k = 0; k < LatencyProposals; k++)
        {
            // n + k finished, the next `pending` in flight.
            var prefix = history.Take(n + k).Concat(history.Skip(n + k).Take(pending).Select(o => o with { Value = null, IsPending = true })).ToList();
            var cpuStart = ThreadCpuTime.Milliseconds;
            var watch = Stopwatch.StartNew();
            sampler.Propose(n + k + pending, new SamplerHistory(prefix));
            times.Add(watch.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuTime.Milliseconds - cpuStart);
        }

        return (times[0], Median(times.ToArray()), times.Average(), times.Min(), times.Max(), Median(cpu.ToArray()));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "n/a";

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }
}
