using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>
/// A mutable, single-use builder of a <see cref="SweepDefinition"/>. Every method checks its own arguments at
/// the call and returns the same builder for chaining; rules across fields are checked by <see cref="Build"/>.
/// </summary>
public sealed class SweepBuilder
{
    private readonly JobSettingsBuilder<SweepBuilder> _job;
    private readonly List<KeyValuePair<string, Distribution>> _searchSpace = [];
    private readonly List<MetricPattern> _metricPatterns = [];
    private SweepDefinition _definition = new();

    internal SweepBuilder(string scriptOrCommand, bool isTemplate)
    {
        _job = new(this, new CommandComposer(scriptOrCommand, isTemplate), resetKeepsPlace: true);
    }

    internal SweepBuilder(Func<Engines.TrialContext, CancellationToken, Task> inProcessTrial)
    {
        _job = new(this, command: null, resetKeepsPlace: true);
        _definition = _definition with { InProcessTrial = inProcessTrial };
    }

    /// <summary>Adds a parameter to the search space. A key such as <c>--alpha</c> names the parameter <c>alpha</c>
    /// and, unless the command already uses it, appends <c>--alpha ${{search_space.alpha}}</c> to the trial
    /// command.</summary>
    /// <param name="key">The parameter name, or the script flag (<c>--alpha</c>).</param>
    /// <param name="distribution">Its distribution (see <see cref="Distributions"/>).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already used.</exception>
    public SweepBuilder Sample(string key, Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var (name, flag) = CommandComposer.SplitKey(key, nameof(key));
        if (_searchSpace.Any(p => p.Key == name))
        {
            throw new ArgumentException($"The search space already has a parameter '{name}'.", nameof(key));
        }

        _searchSpace.Add(new(name, distribution));
        _job.AddFlag(flag, CommandTemplate.SearchSpace(name));
        return this;
    }

    /// <summary>Maximizes <paramref name="primaryMetric"/>.</summary>
    /// <param name="primaryMetric">The metric the trials report.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Maximize(string primaryMetric) => Objective(ObjectiveGoal.Maximize, primaryMetric);

    /// <summary>Minimizes <paramref name="primaryMetric"/>.</summary>
    /// <param name="primaryMetric">The metric the trials report.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Minimize(string primaryMetric) => Objective(ObjectiveGoal.Minimize, primaryMetric);

    /// <summary>Sets the objective.</summary>
    /// <param name="goal">Maximize or minimize.</param>
    /// <param name="primaryMetric">The metric the trials report.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Objective(ObjectiveGoal goal, string primaryMetric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryMetric);
        return With(d => d with { Objective = new Objective(goal, primaryMetric) });
    }

    /// <summary>Samples at random (the default).</summary>
    /// <param name="seed">A seed for reproducible sweeps.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder RandomSampling(int? seed = null) =>
        SamplingAlgorithm(new RandomSampling(seed, seed is null ? null : RandomSamplingRule.Random));

    /// <summary>Samples from a scrambled Sobol sequence, which fills the space more evenly than random draws.</summary>
    /// <param name="seed">A seed for reproducible sweeps.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder SobolSampling(int? seed = null) =>
        SamplingAlgorithm(new RandomSampling(seed, RandomSamplingRule.Sobol));

    /// <summary>Tries every combination of the (all-choice) parameters.</summary>
    /// <returns>The same builder.</returns>
    public SweepBuilder GridSampling() => SamplingAlgorithm(new GridSampling());

    /// <summary>Uses Bayesian optimization (choice, uniform and quniform parameters only; no early
    /// termination).</summary>
    /// <returns>The same builder.</returns>
    public SweepBuilder BayesianSampling() => SamplingAlgorithm(new BayesianSampling());

    /// <summary>Sets the sampling algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder SamplingAlgorithm(SamplingAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return With(d => d with { SamplingAlgorithm = algorithm });
    }

    /// <summary>Bandit early termination with a slack factor: stops trials whose best metric is not within
    /// <c>best / (1 + slackFactor)</c> (maximize) of the best trial's.</summary>
    /// <param name="evaluationInterval">Primary-metric reports between evaluations (1 or more).</param>
    /// <param name="slackFactor">The allowed ratio, greater than 0 (0.1 = within about 91% of the best).</param>
    /// <param name="delayEvaluation">Reports before the first evaluation.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Bandit(int evaluationInterval, double slackFactor, int delayEvaluation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationInterval, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slackFactor);
        return EarlyTermination(new BanditPolicy(slackFactor, null, evaluationInterval, delayEvaluation));
    }

    /// <summary>Bandit early termination with an absolute slack: stops trials whose best metric is more than
    /// <paramref name="slackAmount"/> worse than the best trial's.</summary>
    /// <param name="evaluationInterval">Primary-metric reports between evaluations (1 or more).</param>
    /// <param name="slackAmount">The allowed distance, greater than 0.</param>
    /// <param name="delayEvaluation">Reports before the first evaluation.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder BanditAmount(int evaluationInterval, double slackAmount, int delayEvaluation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationInterval, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slackAmount);
        return EarlyTermination(new BanditPolicy(null, slackAmount, evaluationInterval, delayEvaluation));
    }

    /// <summary>Median stopping: stops trials whose best metric is worse than the median of the running
    /// averages.</summary>
    /// <param name="evaluationInterval">Primary-metric reports between evaluations (1 or more).</param>
    /// <param name="delayEvaluation">Reports before the first evaluation (Azure recommends 5).</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder MedianStopping(int evaluationInterval = 1, int delayEvaluation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationInterval, 1);
        return EarlyTermination(new MedianStoppingPolicy(evaluationInterval, delayEvaluation));
    }

    /// <summary>Truncation selection: stops the lowest <paramref name="truncationPercentage"/> percent at each
    /// evaluation.</summary>
    /// <param name="truncationPercentage">1 to 99.</param>
    /// <param name="evaluationInterval">Primary-metric reports between evaluations (1 or more).</param>
    /// <param name="delayEvaluation">Reports before the first evaluation.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder TruncationSelection(
        int truncationPercentage, int evaluationInterval = 1, int delayEvaluation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(truncationPercentage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(truncationPercentage, 99);
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationInterval, 1);
        return EarlyTermination(
            new TruncationSelectionPolicy(truncationPercentage, evaluationInterval, delayEvaluation));
    }

    /// <summary>Seeds the sweep with the trials of an earlier run (local engine): the Bayesian sampler learns from them
    /// before its first proposal, and no sampler proposes their parameters again. <see cref="Build"/> fails, naming
    /// the parameter, when their search space does not fit this one (a missing or extra parameter, a value outside
    /// the bounds or choices) or their primary metric differs.</summary>
    /// <param name="previous">The earlier sweep's result.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The result has no objective (not a sweep).</exception>
    public SweepBuilder WarmStartFrom(SweepResult previous) => WarmStartFrom(Fluent.WarmStart.FromResult(previous));

    /// <summary>Seeds the sweep with earlier trials (see <see cref="WarmStartFrom(SweepResult)"/>).</summary>
    /// <param name="warmStart">The earlier trials.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder WarmStartFrom(WarmStart warmStart)
    {
        ArgumentNullException.ThrowIfNull(warmStart);
        return With(d => d with { WarmStart = warmStart });
    }

    /// <summary>Sets the early termination policy; <see langword="null"/> for none.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder EarlyTermination(EarlyTerminationPolicy? policy) =>
        With(d => d with { EarlyTermination = policy });

    /// <summary>Runs no early termination policy (the default).</summary>
    /// <returns>The same builder.</returns>
    public SweepBuilder NoEarlyTermination() => EarlyTermination(null);

    /// <summary>Sets how many trials run in all and at once.</summary>
    /// <param name="maxTotalTrials">Trials in all (Azure: 1..1000).</param>
    /// <param name="maxConcurrentTrials">Trials at once (1..1000, at most <paramref name="maxTotalTrials"/>);
    /// <see langword="null"/> for the engine's default.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Runs(int maxTotalTrials, int? maxConcurrentTrials = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTotalTrials, 1);
        if (maxConcurrentTrials is { } concurrent)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(concurrent, 1, nameof(maxConcurrentTrials));
        }

        return With(d =>
            d with { Limits = d.Limits with
            { MaxTotalTrials = maxTotalTrials, MaxConcurrentTrials = maxConcurrentTrials } });
    }

    /// <summary>Sets how long the whole sweep may run.</summary>
    /// <param name="timeout">A positive duration.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Timeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return With(d => d with { Limits = d.Limits with { Timeout = timeout } });
    }

    /// <summary>Sets how long each trial may run.</summary>
    /// <param name="trialTimeout">A positive duration.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder TrialTimeout(TimeSpan trialTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trialTimeout, TimeSpan.Zero);
        return With(d => d with { Limits = d.Limits with { TrialTimeout = trialTimeout } });
    }

    /// <summary>Sets the trial's code: a local folder, or a code asset id.</summary>
    /// <param name="code">The folder or asset id.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Code(string code) => _job.Code(code);

    /// <summary>Sets the trial's environment (<c>azureml:name:version</c>, <c>azureml:name@latest</c>, a registry URI
    /// or an ARM id).</summary>
    /// <param name="environment">The environment.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Environment(string environment) => _job.Environment(environment);

    /// <summary>Defines the environment inline: a Docker image and, optionally, a conda file (CLI YAML <c>environment:
    /// {image: ..., conda_file: ...}</c>). On Azure ML the engine creates it as an anonymous environment version first;
    /// the local engine runs with this machine's Python and does not apply the image or the conda file.</summary>
    /// <param name="image">The Docker image, e.g. <c>mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04</c>.</param>
    /// <param name="condaFile">The conda file's path (relative to the definition's base directory), or
    /// <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty, or <paramref name="condaFile"/> is empty
    /// but not <see langword="null"/>.</exception>
    public SweepBuilder Environment(string image, string? condaFile = null) =>
        Environment(EnvironmentDefinition.FromImage(image, condaFile));

    /// <summary>Defines the environment inline (an image or a build context, a conda file as a path or
    /// content).</summary>
    /// <param name="environment">The environment definition.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> is <see langword="null"/>.</exception>
    public SweepBuilder Environment(EnvironmentDefinition environment) => _job.Environment(environment);

    /// <summary>Sets an environment variable for the trials.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder EnvironmentVariable(string name, string value) => _job.EnvironmentVariable(name, value);

    /// <summary>Sets the compute the sweep runs on (<c>cpu-cluster</c> or <c>azureml:cpu-cluster</c>). Ignored
    /// locally.</summary>
    /// <param name="compute">The compute.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Compute(string compute) => _job.Compute(compute);

    /// <summary>Sets each trial's resources.</summary>
    /// <param name="instanceCount">Nodes per trial.</param>
    /// <param name="instanceType">VM size, if any.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Resources(int instanceCount, string? instanceType = null) =>
        _job.Resources(instanceCount, instanceType);

    /// <summary>Sets how multi-process trials are launched (<see cref="PyTorchDistribution"/>,
    /// <see cref="MpiDistribution"/>, <see cref="TensorFlowDistribution"/>).</summary>
    /// <param name="distribution">The launcher.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder DistributedTraining(DistributedTraining distribution) => _job.DistributedTraining(distribution);

    /// <summary>Adds an input. A key such as <c>--data</c> names the input <c>data</c> and appends <c>--data
    /// ${{inputs.data}}</c> to the command.</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="input">The input (see <see cref="JobInput"/>'s factories).</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Input(string key, JobInput input) => _job.Input(key, input);

    /// <summary>Adds a literal input.</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="value">A string, number or boolean.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Input(string key, object value) =>
        Input(key, value as JobInput ?? new LiteralInput(value));

    /// <summary>Binds an input to another step's output (pipelines).</summary>
    /// <param name="key">The input name, or the script flag.</param>
    /// <param name="stepName">The producing step.</param>
    /// <param name="outputName">Its output.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder BindInput(string key, string stepName, string outputName) =>
        Input(key, BindingInput.ToStepOutput(stepName, outputName));

    /// <summary>Adds an output; each trial writes its own, and the best trial's becomes the sweep's. A key such as
    /// <c>--model</c> appends <c>--model ${{outputs.model}}</c> to the command.</summary>
    /// <param name="key">The output name, or the script flag.</param>
    /// <param name="output">The output; a folder when <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Output(string key, JobOutput? output = null) => _job.Output(key, output);

    /// <summary>Sets the job name (used as the Azure ML job id).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Name(string name) => _job.Name(name);

    /// <summary>Sets the display name.</summary>
    /// <param name="displayName">The display name.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder DisplayName(string displayName) => _job.DisplayName(displayName);

    /// <summary>Sets the experiment name.</summary>
    /// <param name="experimentName">The experiment.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Experiment(string experimentName) => _job.Experiment(experimentName);

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Description(string description) => _job.Description(description);

    /// <summary>Adds a tag.</summary>
    /// <param name="name">The tag.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Tag(string name, string value) => _job.Tag(name, value);

    /// <summary>Adds a property.</summary>
    /// <param name="name">The property.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Property(string name, string value) => _job.Property(name, value);

    /// <summary>Sets the identity the job runs as.</summary>
    /// <param name="identity">The identity.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder Identity(JobIdentity identity) => _job.Identity(identity);

    /// <summary>Sets the queue tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder QueueTier(JobTier tier) => _job.QueueTier(tier);

    /// <summary>Reads a metric from trial output lines with a regular expression whose first group is the value
    /// (local engine; Azure trials log metrics with MLflow).</summary>
    /// <param name="metricName">The metric.</param>
    /// <param name="pattern">The regular expression, e.g. <c>R2: (\S+)</c>.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder MetricFromOutput(string metricName, string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var regex = new System.Text.RegularExpressions.Regex(pattern);
        if (regex.GetGroupNumbers().Length < 2)
        {
            throw new ArgumentException($"The pattern '{pattern}' has no capturing group for the value.",
                nameof(pattern));
        }

        _metricPatterns.Add(new MetricPattern(metricName, pattern));
        return this;
    }

    /// <summary>Registers the best trial's model output once the sweep completes.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="outputName">The output holding the model.</param>
    /// <param name="modelType">The model type.</param>
    /// <returns>The same builder.</returns>
    public SweepBuilder RegisterBestModel(
        string modelName, string outputName, AssetType modelType = AssetType.CustomModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        return With(d =>
            d with { RegisterBestModel = new ModelRegistration(modelName, outputName.TrimStart('-'), modelType) });
    }

    /// <summary>Builds the definition and validates it.</summary>
    /// <param name="target">Where it will run; <see cref="ValidationTarget.AzureML"/> also requires an environment and
    /// a compute.</param>
    /// <returns>The immutable, valid definition.</returns>
    /// <exception cref="HyperDriveValidationException">The definition breaks a rule; the message lists every
    /// problem.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public SweepDefinition Build(ValidationTarget target = ValidationTarget.Portable) =>
        BuildUnvalidated().EnsureValid(target);

    /// <summary>Builds the definition without validating it (for tools that report problems themselves).</summary>
    /// <returns>The immutable definition.</returns>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public SweepDefinition BuildUnvalidated()
    {
        _job.MarkBuilt("Sweep.For(...)");
        return _job.ApplyTo(_definition) with
        {
            SearchSpace = EquatableMap<Distribution>.Create(_searchSpace),
            MetricPatterns = EquatableList<MetricPattern>.Create(_metricPatterns),
            Trial = _job.BuildComponent(),
        };
    }

    private SweepBuilder With(Func<SweepDefinition, SweepDefinition> change)
    {
        _definition = change(_definition);
        return this;
    }
}
