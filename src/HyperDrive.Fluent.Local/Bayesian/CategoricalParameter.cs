using System.Globalization;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// A <c>choice(values)</c> parameter, one-hot encoded (one coordinate per value, so the kernel's length scales tell
/// the values apart without inventing an order); decoded by argmax.
/// </summary>
internal sealed class CategoricalParameter : EncodedParameter
{
    private readonly IReadOnlyList<object> _values;

    public CategoricalParameter(string name, int offset, IReadOnlyList<object> values)
        : base(name, offset)
    {
        _values = values;
    }

    public override int Width => _values.Count > 1 ? _values.Count : 0;

    public override long? Cardinality => _values.Count;

    public override string Description =>
        "choice(" + string.Join(", ", _values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))) + ")";

    public override void FromUnit(double u, Span<double> x) =>
        SetIndex(Math.Min(_values.Count - 1, (long)Math.Floor(Math.Clamp(u, 0.0, 1.0) * _values.Count)), x);

    public override void Canonicalize(Span<double> x) => SetIndex(IndexOf(x), x);

    public override object Decode(ReadOnlySpan<double> x)
    {
        // Object options decode to a plain map, as the random and Sobol samplers return them.
        var value = _values[(int)IndexOf(x)];
        return value is ChoiceObject obj ? EquatableMap<object>.Create(obj) : value;
    }

    public override bool TryEncode(object value, Span<double> x, out string? problem)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            if (Matches(_values[i], value))
            {
                SetIndex(i, x);
                problem = null;
                return true;
            }
        }

        problem = $"the value '{Convert.ToString(value, CultureInfo.InvariantCulture)}' is not one of {Description}";
        return false;
    }

    public override long Key(ReadOnlySpan<double> x) => IndexOf(x);

    public override void SetIndex(long index, Span<double> x)
    {
        if (Width == 0)
        {
            return;
        }

        var slice = x.Slice(Offset, Width);
        slice.Clear();
        slice[(int)index] = 1.0;
    }

    private long IndexOf(ReadOnlySpan<double> x)
    {
        if (Width == 0)
        {
            return 0;
        }

        var slice = x.Slice(Offset, Width);
        var best = 0;
        for (var i = 1; i < slice.Length; i++)
        {
            if (slice[i] > slice[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static bool Matches(object choice, object value)
    {
        if (choice.Equals(value))
        {
            return true;
        }

        if (choice is long or double && value is long or double or int or float or decimal)
        {
            return Convert.ToDouble(choice, CultureInfo.InvariantCulture) == Convert.ToDouble(
                value, CultureInfo.InvariantCulture);
        }

        if (choice is ChoiceObject obj && value is IReadOnlyDictionary<string, object> map)
        {
            return obj.Count == map.Count && obj.All(m => map.TryGetValue(m.Key, out var v) && Matches(m.Value, v));
        }

        return false;
    }
}
