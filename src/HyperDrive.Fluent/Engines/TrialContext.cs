namespace HyperDrive.Fluent.Engines;

/// <summary>What an in-process trial (<see cref="Sweep.For(Func{TrialContext, CancellationToken, Task})"/>) gets: its
/// identity, its parameters, where to write outputs, and a way to report metrics.</summary>
public sealed class TrialContext
{
    private readonly Action<MetricValue>? _sink;
    private readonly TimeProvider _timeProvider;
    private readonly List<MetricValue> _reported = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly string _outputDirectory;
    private volatile bool _outputDirectoryCreated;

    /// <summary>Initializes a context (for example to call a trial delegate in a unit test and inspect
    /// <see cref="Reported"/>).</summary>
    /// <param name="trialId">The trial id.</param>
    /// <param name="trialNumber">The 0-based trial number.</param>
    /// <param name="parameters">The parameters.</param>
    /// <param name="outputDirectory">The folder the trial writes its outputs to.</param>
    public TrialContext(string trialId, int trialNumber, TrialParameters parameters, string outputDirectory)
        : this(trialId, trialNumber, parameters, outputDirectory, new Dictionary<string,
            string>(StringComparer.Ordinal), null, TimeProvider.System, createOutputDirectoryOnFirstUse: false)
    {
    }

    internal TrialContext(
        string trialId,
        int trialNumber,
        TrialParameters parameters,
        string outputDirectory,
        IReadOnlyDictionary<string, string> outputs,
        Action<MetricValue>? sink,
        TimeProvider timeProvider,
        bool createOutputDirectoryOnFirstUse)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialId);
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        TrialId = trialId;
        TrialNumber = trialNumber;
        Parameters = parameters;
        _outputDirectory = outputDirectory;
        _outputDirectoryCreated = !createOutputDirectoryOnFirstUse;
        Outputs = outputs;
        _sink = sink;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets the trial id (<c>{run}_{number}</c>).</summary>
    public string TrialId { get; }

    /// <summary>Gets the 0-based trial number in proposal order.</summary>
    public int TrialNumber { get; }

    /// <summary>Gets the sampled parameters.</summary>
    public TrialParameters Parameters { get; }

    /// <summary>Gets the trial's outputs folder (one sub-folder per declared output; the best trial's is copied to
    /// <c>best/</c>). The local engine creates it when a trial first asks for it, so trials that write nothing cost no
    /// folder.</summary>
    public string OutputDirectory
    {
        get
        {
            if (!_outputDirectoryCreated)
            {
                Directory.CreateDirectory(_outputDirectory);
                _outputDirectoryCreated = true;
            }

            return _outputDirectory;
        }
    }

    /// <summary>Gets the folder of each declared output by name (sub-folders of
    /// <see cref="OutputDirectory"/>).</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    /// <summary>Gets every value reported so far, in order.</summary>
    public IReadOnlyList<MetricValue> Reported
    {
        get
        {
            lock (_reported)
            {
                return [.. _reported];
            }
        }
    }

    /// <summary>Reports a metric value. Each report of the primary metric is one interval of the early termination
    /// policy.</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="value">The value.</param>
    /// <param name="step">The step (epoch, iteration); <see langword="null"/> for the 0-based count of this metric's
    /// reports.</param>
    public void Report(string metric, double value, long? step = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        MetricValue reported;
        lock (_reported)
        {
            var count = _counts.GetValueOrDefault(metric);
            _counts[metric] = count + 1;
            reported = new MetricValue(metric, value, step ?? count, _timeProvider.GetUtcNow());
            _reported.Add(reported);
        }

        _sink?.Invoke(reported);
    }
}
