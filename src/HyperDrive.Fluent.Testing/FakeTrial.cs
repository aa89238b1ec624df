using System.Globalization;

namespace HyperDrive.Fluent.Testing;

/// <summary>
/// One trial of a <see cref="FakeSweepEngine"/>, handed to the script when the trial starts: its sampled parameters,
/// and the metric values it will report. Values given to <see cref="Report"/> are reported one per tick; the n-th
/// values of every metric are reported together (one epoch). Each report of the primary metric is one interval of the
/// early termination policy.
/// </summary>
public sealed class FakeTrial
{
    private readonly List<List<(string Metric, double Value)>> _ticks = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    internal FakeTrial(string id, int number, string? stepName, IReadOnlyDictionary<string, object> parameters)
    {
        Id = id;
        Number = number;
        StepName = stepName;
        Parameters = parameters;
    }

    /// <summary>Gets the trial's id (<c>{run}_{number}</c>).</summary>
    public string Id { get; }

    /// <summary>Gets the 0-based trial number.</summary>
    public int Number { get; }

    /// <summary>Gets the pipeline step the trial belongs to, for pipeline runs.</summary>
    public string? StepName { get; }

    /// <summary>Gets the parameters the sweep's real sampler proposed (<see cref="long"/>, <see cref="double"/>,
    /// <see cref="string"/>, <see cref="bool"/>, or nested dictionaries).</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>Gets why the trial will fail, when <see cref="Fail"/> was called.</summary>
    public string? FailureReason { get; private set; }

    internal IReadOnlyList<List<(string Metric, double Value)>> Ticks => _ticks;

    /// <summary>Gets a parameter converted to <typeparamref name="T"/>, e.g.
    /// <c>trial.Parameter&lt;double&gt;("alpha")</c>.</summary>
    /// <typeparam name="T">The type to convert to.</typeparam>
    /// <param name="name">The search-space key (<c>alpha</c> or <c>--alpha</c>).</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The sweep has no such parameter; the message lists those it
    /// has.</exception>
    public T Parameter<T>(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.TrimStart('-');
        if (!Parameters.TryGetValue(key, out var value))
        {
            throw new KeyNotFoundException(
                $"Trial {Id} has no parameter '{key}'; its parameters are " +
                    $"{string.Join(", ", Parameters.Keys.Select(k => $"'{k}'"))}.");
        }

        return value is T typed ? typed : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Schedules values of <paramref name="metric"/>, reported one per tick after any earlier values of
    /// it.</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="values">The values, in order.</param>
    /// <returns>The same trial, for chaining.</returns>
    public FakeTrial Report(string metric, params double[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            var index = _counts.GetValueOrDefault(metric);
            _counts[metric] = index + 1;
            while (_ticks.Count <= index)
            {
                _ticks.Add([]);
            }

            _ticks[index].Add((metric, value));
        }

        return this;
    }

    /// <summary>Makes the trial fail after its scheduled reports.</summary>
    /// <param name="reason">The error the result records.</param>
    /// <returns>The same trial, for chaining.</returns>
    public FakeTrial Fail(string reason = "The scripted trial failed.")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        FailureReason = reason;
        return this;
    }
}
