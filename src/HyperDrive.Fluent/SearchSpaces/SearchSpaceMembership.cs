using System.Globalization;

namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>Whether a value could have been drawn from a distribution (with Azure's semantics), for warm
/// starts.</summary>
internal static class SearchSpaceMembership
{
    /// <summary>Checks <paramref name="value"/> against <paramref name="distribution"/>.</summary>
    /// <param name="distribution">The distribution.</param>
    /// <param name="value">A parameter value of an earlier trial.</param>
    /// <param name="reason">Why it does not belong, naming the distribution.</param>
    /// <returns>Whether it belongs.</returns>
    public static bool Contains(Distribution distribution, object? value, out string reason)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        reason = string.Empty;
        if (distribution is ChoiceDistribution choice)
        {
            if (choice.Values.Any(option => Matches(option, value)))
            {
                return true;
            }

            reason = $"that is not one of the choices ({string.Join(", ", choice.Values.Select(Describe))})";
            return false;
        }

        if (!TryNumber(value, out var x))
        {
            reason = $"the parameter is {distribution.TypeName}, which takes numbers";
            return false;
        }

        var (ok, bounds) = distribution switch
        {
            UniformDistribution d => (Within(x, d.Min, d.Max), Range(d.Min, d.Max)),
            QUniformDistribution d =>
                (OnGrid(x, d.Q) && Within(x, Math.Round(d.Min / d.Q) * d.Q, Math.Round(d.Max / d.Q) * d.Q),
                Range(d.Min, d.Max) + $" on steps of {d.Q.ToString(CultureInfo.InvariantCulture)}"),
            RandIntDistribution d => (x == Math.Floor(x) && x >= 0 && x < d.Upper, $"an integer in [0, {d.Upper})"),
            LogUniformDistribution d =>
                (Within(x, Math.Exp(d.Min), Math.Exp(d.Max)), Range(Math.Exp(d.Min), Math.Exp(d.Max))),
            QLogUniformDistribution d =>
                (OnGrid(x, d.Q)
                && Within(x, Math.Round(Math.Exp(d.Min) / d.Q) * d.Q, Math.Round(Math.Exp(d.Max) / d.Q) * d.Q),
                Range(Math.Exp(d.Min), Math.Exp(d.Max)) + $" on steps of {d.Q.ToString(CultureInfo.InvariantCulture)}"),
            NormalDistribution => (true, "any number"),
            QNormalDistribution d => (OnGrid(x, d.Q), $"a multiple of {d.Q.ToString(CultureInfo.InvariantCulture)}"),
            LogNormalDistribution => (x > 0, "a positive number"),
            QLogNormalDistribution d =>
                (x >= 0 && OnGrid(x, d.Q), $"a non-negative multiple of {d.Q.ToString(CultureInfo.InvariantCulture)}"),
            _ => (false, "an unknown distribution"),
        };
        if (!ok)
        {
            reason = $"this sweep's {distribution.TypeName} takes {bounds}";
        }

        return ok;
    }

    private static string Range(double min, double max) =>
        string.Create(CultureInfo.InvariantCulture, $"values in [{min:R}, {max:R}]");

    private static bool Within(double x, double min, double max)
    {
        var tolerance = 1e-9 * Math.Max(1.0, Math.Max(Math.Abs(min), Math.Abs(max)));
        return x >= min - tolerance && x <= max + tolerance;
    }

    private static bool OnGrid(double x, double q) =>
        Math.Abs(x - (Math.Round(x / q) * q)) <= 1e-9 * Math.Max(1.0, Math.Abs(x));

    private static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case double d when double.IsFinite(d):
                number = d;
                return true;
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            default:
                number = double.NaN;
                return false;
        }
    }

    private static bool Matches(object option, object? value)
    {
        if (value is null)
        {
            return false;
        }

        if (option.Equals(value))
        {
            return true;
        }

        if (option is long or double && TryNumber(value, out var x))
        {
            return Convert.ToDouble(option, CultureInfo.InvariantCulture) == x;
        }

        if (option is ChoiceObject obj && value is IReadOnlyDictionary<string, object> map)
        {
            return obj.Count == map.Count && obj.All(member => map.TryGetValue(member.Key, out var v) &&
                (member.Value is Distribution nested ? Contains(nested, v, out _) : Matches(member.Value, v)));
        }

        return false;
    }

    private static string Describe(object option) => option switch
    {
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => option.ToString() ?? string.Empty,
    };
}
