using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// The rules of a pipeline run that every engine running pipelines here shares (the local engine's
/// <see cref="PipelineExecution"/> and the testing kit's fake): steps run in dependency order; a step bound to the
/// output of a failed step does not run; a step succeeds when its sweep completed with a best trial (a command step:
/// its trial completed); a failure stops the pipeline unless <c>continue_on_step_failure</c>; a cancel stops it at
/// once.
/// </summary>
internal static class PipelineSchedule
{
    /// <summary>Runs the steps of <paramref name="pipeline"/> with <paramref name="runStep"/>.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="runStep">Runs one step (by name) and returns its result.</param>
    /// <param name="succeeded">Called after each step that succeeded (the local engine records its outputs).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The steps' results, the pipeline's status, its warnings and its error.</returns>
    public static async Task<PipelineOutcome> RunAsync(
        PipelineDefinition pipeline,
        Func<string, JobDefinition, Task<SweepResult>> runStep,
        Action<string>? succeeded,
        CancellationToken cancellationToken)
    {
        var steps = new Dictionary<string, SweepResult>(StringComparer.Ordinal);
        var status = SweepRunStatus.Completed;
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        string? error = null;
        foreach (var name in pipeline.GetExecutionOrder())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                status = SweepRunStatus.Canceled;
                break;
            }

            var job = pipeline.Jobs[name];
            var blockedBy = job.Inputs.Values.OfType<BindingInput>().Select(b => b.StepName)
                .FirstOrDefault(s => s is not null && failed.Contains(s));
            if (blockedBy is not null)
            {
                failed.Add(name);
                warnings.Add($"Step '{name}' did not run because step '{blockedBy}' failed.");
                continue;
            }

            var result = await runStep(name, job).ConfigureAwait(false);
            steps[name] = result;
            if (result.Status == SweepRunStatus.Canceled)
            {
                status = SweepRunStatus.Canceled;
                break;
            }

            var stepSucceeded = result.Status == SweepRunStatus.Completed && result.BestTrial is not null
                && (job is SweepDefinition || result.BestTrial.Status == TrialStatus.Completed);
            if (!stepSucceeded)
            {
                failed.Add(name);
                var why = (job is not SweepDefinition && result.Trials.Count > 0 ? result.Trials[0].Error : null)
                    ?? result.Error ?? "no trial reported the primary metric";
                error ??= $"Step '{name}' failed: {why}";
                if (pipeline.Settings.ContinueOnStepFailure != true)
                {
                    status = SweepRunStatus.Failed;
                    break;
                }

                continue;
            }

            succeeded?.Invoke(name);
        }

        if (status == SweepRunStatus.Completed && failed.Count > 0)
        {
            status = SweepRunStatus.Failed;
        }

        return new PipelineOutcome(steps, status, warnings, error);
    }
}

/// <summary>How a pipeline's steps ran.</summary>
/// <param name="Steps">Each step that ran, by name, in the order they ran.</param>
/// <param name="Status">The pipeline's status.</param>
/// <param name="Warnings">Steps that did not run, and why.</param>
/// <param name="Error">The first step failure, or <see langword="null"/>.</param>
internal sealed record PipelineOutcome(
    Dictionary<string, SweepResult> Steps, SweepRunStatus Status, List<string> Warnings, string? Error);
