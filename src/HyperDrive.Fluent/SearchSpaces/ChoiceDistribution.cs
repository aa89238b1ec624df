namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>
/// One of a list of values (Azure: <c>choice(values)</c>). Values are normalized to <see cref="long"/>,
/// <see cref="double"/>, <see cref="string"/>, <see cref="bool"/> or <see cref="ChoiceObject"/> (an object whose
/// members may themselves be distributions, for conditional search spaces).
/// </summary>
public sealed record ChoiceDistribution : Distribution
{
    /// <summary>Initializes a new <c>choice</c> distribution.</summary>
    /// <param name="values">The values: integers, reals, strings, booleans or <see cref="ChoiceObject"/>s; at least
    /// one.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a value of another
    /// type.</exception>
    public ChoiceDistribution(IEnumerable<object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var normalized = new List<object>();
        var index = 0;
        foreach (var value in values)
        {
            normalized.Add(Normalize(value, index++));
        }

        if (normalized.Count == 0)
        {
            throw new ArgumentException("A choice needs at least one value.", nameof(values));
        }

        Values = EquatableList<object>.Create(normalized);
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.Choice;

    /// <summary>Gets the values, normalized (see the type's remarks).</summary>
    public EquatableList<object> Values { get; }

    /// <summary>Gets whether any value is a <see cref="ChoiceObject"/> holding nested distributions.</summary>
    public bool HasNestedDistributions => Values.OfType<ChoiceObject>().Any(o => o.HasDistributions);

    /// <summary>Normalizes a choice value to one of the supported representations.</summary>
    /// <param name="value">The value.</param>
    /// <param name="index">The value's position, for the error message.</param>
    /// <param name="paramName">The parameter to name in the error.</param>
    /// <returns>The normalized value.</returns>
    internal static object Normalize(object? value, int index, string paramName = "values") => value switch
    {
        null => throw new ArgumentException(
            $"Choice value #{index} is null; use a string, number, boolean or ChoiceObject.", paramName),
        double d when !double.IsFinite(d) =>
            throw new ArgumentException($"Choice value #{index} is not a finite number.", paramName),
        string or bool or long or double or ChoiceObject => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        uint ui => (long)ui,
        ushort us => (long)us,
        float f => double.IsFinite(f) ? (double)(decimal)f
            : throw new ArgumentException($"Choice value #{index} is not a finite number.", paramName),
        decimal d => (double)d,
        _ => throw new ArgumentException(
            $"Choice value #{index} has type {value.GetType().Name}; use a string, number, boolean or ChoiceObject.",
                paramName),
    };
}
