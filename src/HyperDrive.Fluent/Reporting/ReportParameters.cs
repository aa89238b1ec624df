using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Reporting;

/// <summary>The hyperparameter columns of a report: every trial's parameters flattened (nested object choices as
/// <c>outer.inner</c>), in first-seen order.</summary>
internal sealed class ReportParameters
{
    private readonly List<Dictionary<string, object>> _rows;

    private ReportParameters(List<string> names, List<Dictionary<string, object>> rows)
    {
        Names = names;
        _rows = rows;
    }

    /// <summary>Gets the flattened parameter names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Flattens the parameters of <paramref name="trials"/>.</summary>
    public static ReportParameters From(IReadOnlyList<TrialResult> trials)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<Dictionary<string, object>>(trials.Count);
        foreach (var trial in trials)
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            Flatten(trial.Parameters, prefix: null, row);
            foreach (var name in row.Keys)
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }

            rows.Add(row);
        }

        return new ReportParameters(names, rows);
    }

    /// <summary>Gets trial <paramref name="index"/>'s value of <paramref name="name"/>, if it has one.</summary>
    public object? Get(int index, string name) => _rows[index].TryGetValue(name, out var value) ? value : null;

    /// <summary>Whether a parameter is numeric for every trial that has it (else it is drawn as categories).</summary>
    public bool IsNumeric(string name)
    {
        var any = false;
        foreach (var row in _rows)
        {
            if (!row.TryGetValue(name, out var value))
            {
                continue;
            }

            if (ToNumber(value) is not { } number || !double.IsFinite(number))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>Converts a sampled value to a number when it is one.</summary>
    public static double? ToNumber(object? value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        decimal m => (double)m,
        _ => null,
    };

    private static void Flatten(IEnumerable<KeyValuePair<string, object>> parameters, string? prefix, Dictionary<string,
        object> row)
    {
        foreach (var (key, value) in parameters)
        {
            var name = prefix is null ? key : prefix + "." + key;
            if (value is IEnumerable<KeyValuePair<string, object>> nested)
            {
                Flatten(nested, name, row);
            }
            else
            {
                row[name] = value;
            }
        }
    }
}
