using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// Grid sampling (Azure: <c>grid</c>): every combination of the (all-<c>choice</c>) parameters, each exactly once.
/// The grid is never materialized: trial <c>n</c> is decoded from <c>n</c> in mixed radix (the option counts), so a
/// 10^9-point grid costs no memory and any trial is proposed in O(parameters).
/// </summary>
/// <remarks>
/// Order: like nested loops in declaration order, the <em>last</em> parameter varies fastest (trial 0 takes every
/// parameter's first option, trial 1 the last parameter's second option, …). Object options are returned as
/// <see cref="EquatableMap{TValue}"/>s. <see cref="Propose"/> returns <see langword="null"/> once
/// <c>n ≥ </c><see cref="Size"/>.
/// </remarks>
internal sealed class GridSampler : ISampler
{
    private readonly string[] _names;
    private readonly object[][] _options;

    /// <summary>Initializes a new grid sampler.</summary>
    /// <param name="searchSpace">The search space: choices of literal values only.</param>
    /// <exception cref="NotSupportedException">A parameter is not a choice, or a choice nests
    /// distributions.</exception>
    public GridSampler(IEnumerable<KeyValuePair<string, Distribution>> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        var names = new List<string>();
        var options = new List<object[]>();
        foreach (var (name, distribution) in searchSpace)
        {
            if (distribution is not ChoiceDistribution choice)
            {
                throw new NotSupportedException(
                    $"Grid sampling needs every parameter to be a choice, but 'search_space.{name}' is " +
                        $"{distribution.TypeName}. Replace it with Choice(...) of the values to try, or use random " +
                        "sampling.");
            }

            if (choice.HasNestedDistributions)
            {
                throw new NotSupportedException(
                    "Grid sampling cannot enumerate the nested distributions inside the choice " +
                        $"'search_space.{name}'. Use only literal values in the choice, or use random sampling.");
            }

            names.Add(name);
            options.Add(
                choice.Values.Select(v => v is ChoiceObject obj ? EquatableMap<object>.Create(obj) : v).ToArray());
        }

        if (names.Count == 0)
        {
            throw new ArgumentException("The search space is empty; add at least one parameter.", nameof(searchSpace));
        }

        _names = [.. names];
        _options = [.. options];
        long size = 1;
        foreach (var o in _options)
        {
            size = size > long.MaxValue / o.Length ? long.MaxValue : size * o.Length;
        }

        Size = size;
    }

    /// <summary>Gets the number of grid points (saturates at <see cref="long.MaxValue"/>).</summary>
    public long Size { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object>? Propose(int trialNumber, SamplerHistory history)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        if (trialNumber >= Size)
        {
            return null;
        }

        var values = new KeyValuePair<string, object>[_names.Length];
        long rest = trialNumber;
        for (var i = _names.Length - 1; i >= 0; i--)
        {
            var radix = _options[i].Length;
            values[i] = new(_names[i], _options[i][(int)(rest % radix)]);
            rest /= radix;
        }

        return EquatableMap<object>.Create(values);
    }
}
