namespace HyperDrive.Fluent.Engines;

/// <summary>Runs sweep definitions (and pipelines with sweep steps) somewhere: this machine or Azure ML.
/// Code that watches a run does not need to know which engine runs it.</summary>
public interface ISweepEngine
{
    /// <summary>Gets the engine's name (<c>local</c>, <c>azureml</c>, ...).</summary>
    string Name { get; }

    /// <summary>Validates and starts <paramref name="definition"/>; returns once it is submitted or started.</summary>
    /// <param name="definition">A <see cref="SweepDefinition"/> or a <see cref="PipelineDefinition"/>.</param>
    /// <param name="options">Run options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels starting (not the run; use <see cref="SweepRun.CancelAsync"/>).</param>
    /// <returns>The running sweep.</returns>
    /// <exception cref="Validation.HyperDriveValidationException">The definition is not valid for this engine; nothing
    /// was started.</exception>
    Task<SweepRun> StartAsync(JobDefinition definition, SweepRunOptions? options = null,
        CancellationToken cancellationToken = default);
}
