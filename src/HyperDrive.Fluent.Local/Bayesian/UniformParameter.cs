using System.Globalization;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>A <c>uniform(min, max)</c> parameter: one coordinate, linear in the value.</summary>
internal sealed class UniformParameter : EncodedParameter
{
    private readonly double _min;
    private readonly double _max;

    public UniformParameter(string name, int offset, double min, double max)
        : base(name, offset)
    {
        _min = min;
        _max = max;
    }

    public override int Width => 1;

    public override long? Cardinality => null;

    public override string Description => string.Create(CultureInfo.InvariantCulture, $"uniform({_min}, {_max})");

    public override void FromUnit(double u, Span<double> x) => x[Offset] = Math.Clamp(u, 0.0, 1.0);

    public override void Canonicalize(Span<double> x) => x[Offset] = Math.Clamp(x[Offset], 0.0, 1.0);

    public override object Decode(ReadOnlySpan<double> x) =>
        Math.Clamp(_min + (Math.Clamp(x[Offset], 0.0, 1.0) * (_max - _min)), _min, _max);

    public override bool TryEncode(object value, Span<double> x, out string? problem)
    {
        if (!TryNumber(value, out var number))
        {
            problem = $"the value '{value}' is not a number, but the parameter is {Description}";
            return false;
        }

        var tolerance = 1e-9 * Math.Max(1.0, Math.Max(Math.Abs(_min), Math.Abs(_max)));
        if (number < _min - tolerance || number > _max + tolerance)
        {
            problem =
                string.Create(
                CultureInfo.InvariantCulture, $"the value {number} is outside the bounds of {Description}");
            return false;
        }

        x[Offset] = Math.Clamp((number - _min) / (_max - _min), 0.0, 1.0);
        problem = null;
        return true;
    }

    public override long Key(ReadOnlySpan<double> x) => BitConverter.DoubleToInt64Bits(x[Offset]);

    public override void SetIndex(long index, Span<double> x) =>
        throw new InvalidOperationException($"'{Name}' is continuous and has no value index.");
}
