using System.Globalization;
using System.Text;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// Puts a sweep's warm-start trials in front of the history every sampler sees, and keeps samplers that do not read the
/// history (random, Sobol, grid) from proposing a warm-start trial's parameters again: a grid skips them, a random or
/// Sobol proposal that repeats one is redrawn from a far stream (trial number + k·2^24). Pure, like the samplers it
/// wraps.
/// </summary>
internal sealed class WarmStartSampler : ISampler
{
    private const long FarStream = 1L << 24;

    private readonly ISampler _inner;
    private readonly IReadOnlyList<SamplerObservation> _warm;
    private readonly HashSet<string> _warmKeys;
    private readonly bool _readsHistory;

    /// <summary>Initializes the wrapper.</summary>
    /// <param name="inner">The sampler.</param>
    /// <param name="warmStart">The earlier trials.</param>
    /// <param name="readsHistory">Whether <paramref name="inner"/> deduplicates against the history itself
    /// (Bayesian).</param>
    public WarmStartSampler(ISampler inner, WarmStart warmStart, bool readsHistory)
    {
        _inner = inner;
        _readsHistory = readsHistory;
        _warm = warmStart.Trials.Select(t => new SamplerObservation(t.Parameters, t.Value, IsPending: false)).ToList();
        _warmKeys = _warm.Select(o => Key(o.Parameters)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Gets the wrapped sampler.</summary>
    public ISampler Inner => _inner;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object>? Propose(int trialNumber, SamplerHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var full = new SamplerHistory([.. _warm, .. history.Observations]);
        if (_readsHistory)
        {
            return _inner.Propose(trialNumber, full);
        }

        if (_inner is GridSampler grid)
        {
            // The n-th grid point that is not a warm-start trial.
            var remaining = trialNumber;
            for (long index = 0; index < grid.Size && index <= int.MaxValue; index++)
            {
                var point = grid.Propose((int)index, full);
                if (point is null)
                {
                    return null;
                }

                if (!_warmKeys.Contains(Key(point)) && remaining-- == 0)
                {
                    return point;
                }
            }

            return null;
        }

        IReadOnlyDictionary<string, object>? proposal = null;
        for (var k = 0L; k < 64; k++)
        {
            var stream = trialNumber + (k * FarStream);
            if (stream > int.MaxValue)
            {
                break;
            }

            proposal = _inner.Propose((int)stream, full);
            if (proposal is null || !_warmKeys.Contains(Key(proposal)))
            {
                return proposal;
            }
        }

        return proposal;
    }

    /// <summary>Gets a key equal for equal parameter sets (numbers compared by value, maps by content).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The key.</returns>
    internal static string Key(IReadOnlyDictionary<string, object> parameters)
    {
        var text = new StringBuilder();
        Append(text, parameters);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object> map:
                text.Append('{');
                foreach (var (key, item) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(key).Append('=');
                    Append(text, item);
                    text.Append(';');
                }

                text.Append('}');
                break;
            case long or int or double or float or decimal:
                text.Append('n').Append(
                    Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            case string s:
                text.Append('s').Append(s.Length).Append(':').Append(s);
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            default:
                text.Append('?').Append(value);
                break;
        }
    }
}
