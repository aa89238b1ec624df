using HyperDrive.Fluent.Pipelines;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>A mutable, single-use builder of a <see cref="PipelineDefinition"/>.</summary>
public sealed class PipelineBuilder
{
    private readonly JobSettingsBuilder<PipelineBuilder> _job;
    private readonly List<KeyValuePair<string, JobDefinition>> _jobs = [];
    private readonly List<ModelRegistration> _registrations = [];
    private PipelineDefinition _definition = new();

    internal PipelineBuilder(string name)
    {
        _job = new(this, command: null, resetKeepsPlace: false, name);
    }

    /// <summary>Adds a pipeline input, which steps bind with <see cref="BindingInput.ToPipelineInput"/>.</summary>
    /// <param name="name">The input name.</param>
    /// <param name="input">The input.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder Input(string name, JobInput input) => _job.NamedInput(name, input);

    /// <summary>Adds a pipeline output.</summary>
    /// <param name="name">The output name.</param>
    /// <param name="output">The output; a folder when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder Output(string name, JobOutput? output = null) => _job.NamedOutput(name, output);

    /// <summary>Adds a command step that runs a script (<c>01_prep.py</c>) or a command template.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="scriptOrCommand">The script or command.</param>
    /// <param name="configure">Configures the step's inputs, outputs, code and environment.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A step of that name exists.</exception>
    public PipelineBuilder Step(string name, string scriptOrCommand, Action<CommandStepBuilder>? configure = null)
    {
        var step = new CommandStepBuilder(scriptOrCommand, isTemplate: false);
        configure?.Invoke(step);
        return Step(name, step.Build());
    }

    /// <summary>Adds a prepared step (a <see cref="CommandJobDefinition"/> or <see cref="SweepDefinition"/>).</summary>
    /// <param name="name">The step name.</param>
    /// <param name="job">The step.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A step of that name exists, or the job is a pipeline.</exception>
    public PipelineBuilder Step(string name, JobDefinition job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(job);
        if (job is PipelineDefinition)
        {
            throw new ArgumentException("A pipeline cannot be a step of this pipeline.", nameof(job));
        }

        if (_jobs.Any(j => j.Key == name))
        {
            throw new ArgumentException($"The pipeline already has a step '{name}'.", nameof(name));
        }

        _jobs.Add(new(name, job));
        return this;
    }

    /// <summary>Adds a sweep step; its outputs are the best trial's outputs.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="sweep">The sweep, not yet built (validated with the pipeline).</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder Sweep(string name, SweepBuilder sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return Step(name, sweep.BuildUnvalidated());
    }

    /// <summary>Sets the compute of steps that name none.</summary>
    /// <param name="compute">The compute.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder DefaultCompute(string compute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(compute);
        _definition = _definition with { Settings = _definition.Settings with { DefaultCompute = compute } };
        return this;
    }

    /// <summary>Sets whether the pipeline goes on after a step fails.</summary>
    /// <param name="continueOnStepFailure"><see langword="true"/> to go on.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder ContinueOnStepFailure(bool continueOnStepFailure = true)
    {
        _definition =
            _definition with { Settings = _definition.Settings with { ContinueOnStepFailure = continueOnStepFailure } };
        return this;
    }

    /// <summary>Registers the best trial's model output of a sweep step when the pipeline completes.</summary>
    /// <param name="stepName">The sweep step.</param>
    /// <param name="outputName">Its output holding the model.</param>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelType">The model type.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder RegisterBestModel(
        string stepName, string outputName, string modelName, AssetType modelType = AssetType.CustomModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        _registrations.Add(new ModelRegistration(modelName, outputName.TrimStart('-'), modelType)
            { StepName = stepName });
        return this;
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="displayName">The display name.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder DisplayName(string displayName) => _job.DisplayName(displayName);

    /// <summary>Sets the experiment name.</summary>
    /// <param name="experimentName">The experiment.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder Experiment(string experimentName) => _job.Experiment(experimentName);

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder Description(string description) => _job.Description(description);

    /// <summary>Adds a tag.</summary>
    /// <param name="name">The tag.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The same builder.</returns>
    public PipelineBuilder Tag(string name, string value) => _job.Tag(name, value);

    /// <summary>Builds the pipeline and validates it with every step.</summary>
    /// <param name="target">Where it will run.</param>
    /// <returns>The immutable, valid pipeline.</returns>
    /// <exception cref="HyperDriveValidationException">A rule is broken; the message lists every problem.</exception>
    public PipelineDefinition Build(ValidationTarget target = ValidationTarget.Portable)
    {
        _job.MarkBuilt("Pipeline.Create(...)");
        return (_job.ApplyTo(_definition) with
        {
            Jobs = EquatableMap<JobDefinition>.Create(_jobs),
            ModelRegistrations = EquatableList<ModelRegistration>.Create(_registrations),
        }).EnsureValid(target);
    }
}
