using System.Globalization;
using HyperDrive.Fluent.Local.Sampling;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// A <c>quniform(min, max, q)</c> parameter: the values <c>k·q</c> for <c>round(min/q) ≤ k ≤ round(max/q)</c> (the
/// support of Azure's <c>round(uniform(min, max)/q)·q</c>); one coordinate holding the grid index scaled to [0, 1].
/// Proposals are always snapped to the grid, and the acquisition is evaluated at snapped points.
/// </summary>
internal sealed class QuantizedParameter : EncodedParameter
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _q;
    private readonly long _first;
    private readonly long _count;

    public QuantizedParameter(string name, int offset, double min, double max, double q)
        : base(name, offset)
    {
        _min = min;
        _max = max;
        _q = q;
        _first = (long)Math.Round(min / q);
        var last = (long)Math.Round(max / q);
        _count = Math.Max(1, last - _first + 1);
    }

    public override int Width => _count > 1 ? 1 : 0;

    public override long? Cardinality => _count;

    public override string Description =>
        string.Create(CultureInfo.InvariantCulture, $"quniform({_min}, {_max}, {_q})");

    public override void FromUnit(double u, Span<double> x)
    {
        if (Width == 0)
        {
            return;
        }

        SetIndex(Math.Min(_count - 1, (long)Math.Floor(Math.Clamp(u, 0.0, 1.0) * _count)), x);
    }

    public override void Canonicalize(Span<double> x)
    {
        if (Width == 0)
        {
            return;
        }

        SetIndex(IndexOf(x), x);
    }

    public override object Decode(ReadOnlySpan<double> x) => ValueAt(_first + IndexOf(x));

    public override bool TryEncode(object value, Span<double> x, out string? problem)
    {
        if (!TryNumber(value, out var number))
        {
            problem = $"the value '{value}' is not a number, but the parameter is {Description}";
            return false;
        }

        var k = Math.Round(number / _q);
        if (Math.Abs(number - (k * _q)) > 1e-9 * Math.Max(1.0, Math.Abs(number)))
        {
            problem =
                string.Create(
                CultureInfo.InvariantCulture, $"the value {number} is not a multiple of q of {Description}");
            return false;
        }

        if (k < _first || k > _first + _count - 1)
        {
            problem =
                string.Create(
                CultureInfo.InvariantCulture, $"the value {number} is outside the bounds of {Description}");
            return false;
        }

        if (Width > 0)
        {
            SetIndex((long)k - _first, x);
        }

        problem = null;
        return true;
    }

    public override long Key(ReadOnlySpan<double> x) => IndexOf(x);

    public override void SetIndex(long index, Span<double> x)
    {
        if (Width > 0)
        {
            x[Offset] = (double)Math.Clamp(index, 0, _count - 1) / (_count - 1);
        }
    }

    private long IndexOf(ReadOnlySpan<double> x) =>
        Width == 0 ? 0 : (long)Math.Round(Math.Clamp(x[Offset], 0.0, 1.0) * (_count - 1));

    // As the random and Sobol samplers decode quniform (UnitInterval.Quantize): a long when q is whole, else k·q.
    private object ValueAt(long k) => UnitInterval.IsWhole(_q) ? (long)(k * _q) : (object)(k * _q);
}
