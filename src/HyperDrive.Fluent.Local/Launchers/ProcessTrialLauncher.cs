using System.Globalization;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Metrics;
using HyperDrive.Fluent.Local.Processes;
using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Local.Launchers;

/// <summary>
/// Runs each trial as a process from the sweep's command plan, in the trial's folder: reads metrics from its stdout and
/// from the MLflow file store it is pointed at, and passes its output lines on.
/// </summary>
internal sealed class ProcessTrialLauncher : ITrialLauncher
{
    private readonly TrialCommandPlan _plan;
    private readonly string _runId;
    private readonly LocalSweepEngineOptions _options;
    private readonly StdoutMetricParser _parser;

    public ProcessTrialLauncher(SweepDefinition definition, TrialCommandPlan plan, string runId,
        LocalSweepEngineOptions options)
    {
        _plan = plan;
        _runId = runId;
        _options = options;
        var declared = definition.MetricPatterns.Select(p => p.MetricName);
        _parser = new StdoutMetricParser(
            string.IsNullOrEmpty(definition.Objective.PrimaryMetric) ? declared
                : [definition.Objective.PrimaryMetric, .. declared],
            definition.MetricPatterns);
    }

    public async Task<TrialExit> RunAsync(TrialState trial, ITrialSink sink, CancellationToken stop)
    {
        var folder = trial.Folder ?? throw new InvalidOperationException("A process trial runs in a folder.");
        var outputDirectory = trial.OutputDirectory!;
        var mlruns = Path.Combine(folder, "mlruns");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PYTHONUNBUFFERED"] = "1",
            ["MLFLOW_TRACKING_URI"] = "file:" + mlruns.Replace('\\', '/'),
            ["MLFLOW_ALLOW_FILE_STORE"] = "true",
            ["HYPERDRIVE_RUN_ID"] = _runId,
            ["HYPERDRIVE_TRIAL_ID"] = trial.Id,
            ["HYPERDRIVE_TRIAL_NUMBER"] = trial.Number.ToString(CultureInfo.InvariantCulture),
            ["HYPERDRIVE_OUTPUT_DIR"] = outputDirectory,
        };
        var launch = _plan.Build(trial.Parameters, folder, outputDirectory, environment, _options.PythonExecutable);
        var mlflow = new MlflowMetricReader(mlruns);
        ProcessOutcome outcome;
        using (var pollStop = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            var poll = PollMlflowAsync(mlflow, sink, pollStop.Token);
            try
            {
                outcome = await ProcessRunner.RunAsync(
                    launch,
                    (line, isError) => OnLine(sink, line, isError),
                    sink.ProcessStarted,
                    stop).ConfigureAwait(false);
            }
            finally
            {
                await pollStop.CancelAsync().ConfigureAwait(false);
                await poll.ConfigureAwait(false);
                ReadMlflow(mlflow, sink);
            }
        }

        if (outcome.LogWriteError is { } logError)
        {
            // The trial's output was read to the end (its pipes kept draining), but its logs are incomplete, and the
            // next trial would hit the same full disk: the sweep stops so it can be resumed once there is space.
            return new TrialExit(
                outcome.ExitCode,
                $"Disk full while writing logs: {logError}",
                $"Disk full while writing the logs of trial {trial.Id} ({logError}). "
                + "Free space, then resume the run: finished trials are kept.");
        }

        if (outcome.ExitCode != 0)
        {
            var tail = outcome.StderrTail.Length > 0 ? "\n" + outcome.StderrTail : string.Empty;
            return new TrialExit(outcome.ExitCode, $"Exited with code {outcome.ExitCode}." + tail);
        }

        return new TrialExit(outcome.ExitCode);
    }

    private async Task PollMlflowAsync(MlflowMetricReader reader, ITrialSink sink, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(_options.MlflowPollInterval, sink.Time, token).ConfigureAwait(false);
                ReadMlflow(reader, sink);
            }
        }
        catch (OperationCanceledException)
        {
            // the trial ended; the caller reads the store once more
        }
    }

    private static void ReadMlflow(MlflowMetricReader reader, ITrialSink sink)
    {
        foreach (var value in reader.ReadNew())
        {
            sink.Metric(value, "mlflow", explicitStep: true);
        }
    }

    private void OnLine(ITrialSink sink, string line, bool isError)
    {
        var ignored = new List<string>(0);
        foreach (var (name, value, timestamp) in _parser.Parse(line, ignored))
        {
            sink.Metric(new MetricValue(name, value, 0, timestamp ?? sink.Time.GetUtcNow()), "stdout",
                explicitStep: false);
        }

        foreach (var reason in ignored)
        {
            sink.Note(reason); // once per trial and message: a script printing "r2=nan" every epoch is told once
        }

        if (sink.WantsPrintedNames)
        {
            sink.Printed(_parser.UndeclaredReports(line));
        }

        if (_options.StreamTrialOutput)
        {
            sink.Output(line, isError);
        }
    }
}
