using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Trials;

/// <summary>A literal input value (Azure: <c>jobInputType: literal</c>; the wire value is a string).</summary>
public sealed record LiteralInput : JobInput
{
    /// <summary>Initializes a new literal input.</summary>
    /// <param name="value">A string, integer, real or boolean (integers are kept as <see cref="long"/>, reals as
    /// <see cref="double"/>).</param>
    public LiteralInput(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value is ChoiceObject
            ? throw new ArgumentException("A literal input must be a string, number or boolean.", nameof(value))
            : ChoiceDistribution.Normalize(value, 0);
    }

    /// <summary>Gets the value: <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or
    /// <see cref="bool"/>.</summary>
    public object Value { get; }

    /// <summary>Gets the value as Azure sends it (invariant culture; booleans lower-case, reals
    /// round-trippable).</summary>
    public string ValueText => Value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };
}
