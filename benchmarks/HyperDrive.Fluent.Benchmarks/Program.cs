// HyperDrive.Fluent benchmark: the local engine against Optuna 3.1 on the same machine, in the same run.
//
//   dotnet run -c Release --project benchmarks/HyperDrive.Fluent.Benchmarks [-- --repetitions N] [--quick] [--policy-only] [--policy-trials N]
//
// (a) engine time per trial for 200 trivial process trials at 2 concurrent (and the bare cost of starting those
//     processes from .NET, so the engine's own overhead is visible), against Optuna with n_jobs=2 running the same
//     process through subprocess.run;
// (b) trials per second for 10,000 trivial in-process trials with the journal on, against Optuna's in-memory
//     random-sampler study.
// (c) one sweep of 50,000 in-process trials (five reports each) with median stopping, and with truncation selection
//     (10%), at every report, against the same sweep without a policy: a policy's cost must not grow with the square of
//     the trial count.
// Each workload runs once to warm up, then N times; the table shows medians.
using System.Globalization;
using System.Runtime.InteropServices;
using HyperDrive.Fluent.Benchmarks;

var repetitions = 5;
var processTrials = 200;
var memoryTrials = 10_000;
var skipOptuna = false;
var policyTrials = 50_000;
var policyOnly = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repetitions" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            repetitions = n;
            i++;
            break;
        case "--quick":
            repetitions = 1;
            processTrials = 40;
            memoryTrials = 1_000;
            policyTrials = 5_000;
            break;
        case "--skip-optuna":
            skipOptuna = true;
            break;
        case "--policy-trials" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var p) && p > 0:
            policyTrials = p;
            i++;
            break;
        case "--policy-only":
            policyOnly = true;
            skipOptuna = true;
            break;
        default:
            Console.Error.WriteLine($"'{args[i]}' is not a valid option. Options: --repetitions N, --quick, --skip-optuna, --policy-only, --policy-trials N.");
            return 2;
    }
}

const int Concurrency = 2;
const int TrialsPerSweep = 1000;

// Tiered JIT needs a few thousand trials before the in-process path runs optimized code.
var warmUpTrials = Math.Min(memoryTrials, 3 * TrialsPerSweep);
var root = Path.Combine(Path.GetTempPath(), "hyperdrive-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(root);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    Console.WriteLine($"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {repetitions} repetitions (median shown)");
    var python = OptunaPeer.FindPython();
    if (python is null && !skipOptuna)
    {
        Console.Error.WriteLine("No Python with optuna found (tried $OPTUNA_PYTHON, /usr/bin/python3, python3, python).");
        Console.Error.WriteLine("Install it (sudo apt-get install -y python3-optuna, or pip install 'optuna==3.1.*'), or pass --skip-optuna.");
        return 3;
    }

    var commands = new List<(string Name, string[] Argv)> { ("native: echo m=1", ["/bin/echo", "m=1"]) };
    var pythonForTrials = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : python ?? "python3";
    commands.Add(("python3 -c print('m=1')", [pythonForTrials, "-c", "print('m=1')"]));

    // Each trial gets a folder (outputs, logs) and journal lines: the run folder's file system matters. The temp folder
    // is on disk; /dev/shm (tmpfs, when there is one) shows the engine without the disk.
    var places = new List<(string Name, EngineWorkloads Workloads)> { ("run folder in " + Path.GetTempPath().TrimEnd('/'), new EngineWorkloads(root)) };
    var tmpfs = Path.Combine("/dev/shm", "hyperdrive-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    if (Directory.Exists("/dev/shm"))
    {
        Directory.CreateDirectory(tmpfs);
        places.Add(("run folder on tmpfs /dev/shm", new EngineWorkloads(tmpfs)));
    }

    var rows = new List<ResultRow>();
    try
    {
        foreach (var (name, argv) in policyOnly ? [] : commands)
        {
            Console.WriteLine($"process trials: {name} ...");
            var bare = await Measurement.RepeatAsync(repetitions, warm => ProcessBaseline.MillisecondsPerTrialAsync(argv, warm ? processTrials / 10 : processTrials, Concurrency));
            IReadOnlyList<double>? peer = null;
            if (!skipOptuna)
            {
                peer = (await OptunaPeer.RunAsync(python!, argv, processTrials, Concurrency, memoryTrials, repetitions, skipMemory: true, cancel.Token)).SubprocessMillisecondsPerTrial;
            }

            foreach (var (place, workloads) in places)
            {
                // The peer again, now writing the trial folders and logs we write, in the same place, just before our run.
                IReadOnlyList<double>? peerWithFolders = null;
                if (!skipOptuna)
                {
                    var folders = Path.Combine(workloads.OutputRoot, "optuna-trials");
                    peerWithFolders = (await OptunaPeer.RunAsync(python!, argv, processTrials, Concurrency, memoryTrials, repetitions, skipMemory: true, cancel.Token, folders)).SubprocessMillisecondsPerTrial;
                }

                var ours = await Measurement.RepeatAsync(repetitions, warm => workloads.ProcessTrialsAsync(argv, warm ? processTrials / 10 : processTrials, Concurrency));
                rows.Add(ResultRow.LowerIsBetter($"{processTrials} process trials, {Concurrency} at a time: {name}, {place}", "ms/trial", ours, peer, bare, peerWithFolders));
            }
        }

        OptunaPeer.Figures? optuna = null;
        if (!skipOptuna)
        {
            optuna = await OptunaPeer.RunAsync(python!, ["/bin/echo", "m=1"], 10, 1, memoryTrials, repetitions, skipMemory: false, cancel.Token);
        }

        foreach (var (place, workloads) in policyOnly ? [] : places)
        {
            foreach (var concurrency in new[] { 1, Concurrency })
            {
                Console.WriteLine($"in-process trials, {concurrency} at a time, {place} ...");
                var figures = await Measurement.RepeatAsync(repetitions, warm => workloads.InProcessTrialsAsync(warm ? warmUpTrials : memoryTrials, TrialsPerSweep, concurrency));
                rows.Add(ResultRow.HigherIsBetter($"{memoryTrials:N0} in-process trials, journal on, {concurrency} at a time, {place}", "trials/s", figures, optuna?.InMemoryTrialsPerSecond));
            }
        }

        var (policyPlace, policyWorkloads) = places[0];
        Console.WriteLine($"early-termination policies, {policyTrials:N0} in-process trials in one sweep, {policyPlace} ...");
        var policyFigures = new List<(PolicyWorkload Policy, IReadOnlyList<double> Seconds)>();
        foreach (var policy in Enum.GetValues<PolicyWorkload>())
        {
            policyFigures.Add((policy, await Measurement.RepeatAsync(repetitions, warm => policyWorkloads.PolicySweepAsync(warm ? policyTrials / 10 : policyTrials, policy))));
        }

        Console.WriteLine();
        ResultRow.Print(rows, optuna?.Version ?? "not run");
        Console.WriteLine();
        var plain = policyFigures[0].Seconds;
        var plainSeconds = Measurement.Median(plain);
        foreach (var (policy, seconds) in policyFigures.Skip(1))
        {
            var policySeconds = Measurement.Median(seconds);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{policy} at every report, {policyTrials:N0} trials x 5 reports in one sweep, {policyPlace}: {policySeconds:0.00} s with the policy, {plainSeconds:0.00} s without ({policySeconds / plainSeconds:0.00}x); all: [{string.Join(", ", seconds.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}] vs [{string.Join(", ", plain.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}] s"));
        }
        return 0;
    }
    finally
    {
        if (Directory.Exists(tmpfs))
        {
            Directory.Delete(tmpfs, recursive: true);
        }
    }
}
finally
{
    if (Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}
