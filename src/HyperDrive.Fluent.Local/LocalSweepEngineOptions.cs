using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local;

/// <summary>Settings of the <see cref="LocalSweepEngine"/>.</summary>
public sealed class LocalSweepEngineOptions
{
    /// <summary>Gets or sets the folder run folders are created in (a run goes to <c>{OutputRoot}/{run name}</c> unless
    /// <see cref="SweepRunOptions.OutputDirectory"/> names the run folder itself).</summary>
    /// <value>The default value is <c>./.hyperdrive/runs</c>, relative to the current directory.</value>
    public string OutputRoot { get; set; } = Path.Combine(".", ".hyperdrive", "runs");

    /// <summary>Gets or sets the most trials running at once when the definition sets no
    /// <c>max_concurrent_trials</c>.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="Environment.ProcessorCount"/>.</value>
    public int? MaxConcurrentTrials { get; set; }

    /// <summary>Gets or sets the clock used for timestamps, trial and sweep timeouts.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the executable that runs commands whose first word is <c>python</c> or
    /// <c>python3</c>.</summary>
    /// <value>The default value is <see langword="null"/>: <c>python</c> when it is on <c>PATH</c>, else
    /// <c>python3</c>.</value>
    public string? PythonExecutable { get; set; }

    /// <summary>
    /// Finds the interpreter that commands starting with <c>python</c> run with: <see cref="PythonExecutable"/> (a
    /// path, or a name looked up on <c>PATH</c>), else <c>python</c> on <c>PATH</c>, else <c>python3</c>.
    /// </summary>
    /// <returns>The interpreter's full path, or <see langword="null"/> when it is missing or not executable (a run
    /// whose command needs it is then refused before its first trial).</returns>
    public string? ResolvePythonExecutable() => Processes.PythonInterpreter.Find(PythonExecutable);

    /// <summary>Gets or sets the seed used when a random or Sobol sweep sets none (it is recorded in the journal, so a
    /// resumed sweep keeps it).</summary>
    /// <value>The default value is <see langword="null"/>: a fresh random seed per run.</value>
    public int? DefaultSeed { get; set; }

    /// <summary>Gets or sets a sink for the engine's notices (settings that do not apply locally, trials that never
    /// reported the primary metric, ...). The same notices are streamed as <see cref="TrialUpdateKind.Notice"/>
    /// updates.</summary>
    /// <value>The default value is <see langword="null"/>: notices only go to the updates and the result's
    /// warnings.</value>
    public Action<string>? Log { get; set; }

    /// <summary>Gets or sets whether trial output lines are streamed as <see cref="TrialUpdateKind.Log"/> updates (they
    /// always go to the per-trial log files).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StreamTrialOutput { get; set; } = true;

    /// <summary>Gets or sets how often a running trial's MLflow file store is read for new metric values.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan MlflowPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
