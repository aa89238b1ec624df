using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Sampling;

/// <summary>
/// The encoding of a search space as the unit cube [0, 1)^d: one coordinate per sampled distribution, nested ones
/// included. <see cref="Decode"/> turns a point into parameters (inverse CDF per coordinate, see
/// <see cref="UnitInterval"/>); <see cref="Encode"/> turns parameters back into a point (for model-based samplers).
/// </summary>
/// <remarks>
/// Coordinates are laid out depth-first in declaration order: a parameter's coordinate, then (for a choice) the
/// coordinates of the distributions nested in each of its object options, option by option. Every nested coordinate
/// has a fixed place whether or not its option is chosen, so the dimension count does not depend on the draw
/// (what Sobol needs); the coordinates of options not chosen are ignored.
/// </remarks>
internal sealed class SearchSpaceLayout
{
    private readonly (string Name, Node Node)[] _parameters;

    private SearchSpaceLayout((string Name, Node Node)[] parameters, IReadOnlyList<SpaceDimension> dimensions)
    {
        _parameters = parameters;
        Dimensions = dimensions;
    }

    /// <summary>Gets the coordinates, in point order.</summary>
    public IReadOnlyList<SpaceDimension> Dimensions { get; }

    /// <summary>Gets the number of coordinates (the dimension of the unit cube).</summary>
    public int DimensionCount => Dimensions.Count;

    /// <summary>Lays out a search space.</summary>
    /// <param name="searchSpace">Parameter name to distribution, in declaration order.</param>
    /// <param name="logBase">The base of the log-scale distributions (<see cref="UnitInterval.ToValue"/>); e by
    /// default.</param>
    /// <returns>The layout.</returns>
    public static SearchSpaceLayout Create(IEnumerable<KeyValuePair<string, Distribution>> searchSpace,
        double logBase = Math.E)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        var dimensions = new List<SpaceDimension>();
        var parameters = searchSpace.Select(p => (p.Key, Build(p.Value, p.Key, nested: false, dimensions, logBase)))
            .ToArray();
        if (parameters.Length == 0)
        {
            throw new ArgumentException("The search space is empty; add at least one parameter.", nameof(searchSpace));
        }

        return new SearchSpaceLayout(parameters, dimensions);
    }

    /// <summary>Decodes a point of the unit cube into parameters.</summary>
    /// <param name="point">The coordinates, <see cref="DimensionCount"/> of them, each in [0, 1).</param>
    /// <returns>The parameters by name, in declaration order (an <see cref="EquatableMap{TValue}"/>; object choices are
    /// <see cref="EquatableMap{TValue}"/>s too).</returns>
    public EquatableMap<object> Decode(ReadOnlySpan<double> point)
    {
        if (point.Length != DimensionCount)
        {
            throw new ArgumentException(
                $"The point has {point.Length} coordinates; the search space has {DimensionCount}.", nameof(point));
        }

        var values = new KeyValuePair<string, object>[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            values[i] = new(_parameters[i].Name, _parameters[i].Node.Decode(point));
        }

        return EquatableMap<object>.Create(values);
    }

    /// <summary>Encodes parameters (as <see cref="Decode"/> returns them) into a point of the unit cube.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The point; coordinates of nested options that are not chosen are <see cref="double.NaN"/>. A choice
    /// coordinate is the middle of its option's cell, <c>(index + 0.5) / count</c>.</returns>
    /// <exception cref="ArgumentException">A parameter is missing or is not a value of its distribution.</exception>
    public double[] Encode(IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var point = new double[DimensionCount];
        Array.Fill(point, double.NaN);
        foreach (var (name, node) in _parameters)
        {
            if (!parameters.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"The parameters have no value for '{name}'.", nameof(parameters));
            }

            node.Encode(value, point);
        }

        return point;
    }

    private static Node Build(Distribution distribution, string path, bool nested, List<SpaceDimension> dimensions,
        double logBase)
    {
        var index = dimensions.Count;
        dimensions.Add(new SpaceDimension(index, path, distribution, nested));
        if (distribution is not ChoiceDistribution choice)
        {
            return new ScalarNode(distribution, index, path, logBase);
        }

        var options = new Option[choice.Values.Count];
        for (var i = 0; i < options.Length; i++)
        {
            var value = choice.Values[i];
            options[i] = value is ChoiceObject obj
                ? new Option(
                    obj.Select(m =>
                    (m.Key, m.Value is Distribution d
                    ? Build(d, $"{path}[{i}].{m.Key}", nested: true, dimensions, logBase) : null, m.Value)).ToArray())
                : new Option(value);
        }

        return new ChoiceNode(index, options, path);
    }

    private abstract class Node
    {
        public abstract object Decode(ReadOnlySpan<double> point);

        public abstract void Encode(object value, double[] point);
    }

    private sealed class ScalarNode(Distribution distribution, int index, string path, double logBase) : Node
    {
        public override object Decode(ReadOnlySpan<double> point) =>
            UnitInterval.ToValue(distribution, point[index], path, logBase);

        public override void Encode(object value, double[] point) => point[index] =
            UnitInterval.ToUnit(distribution, value, logBase);
    }

    private sealed class ChoiceNode(int index, Option[] options, string path) : Node
    {
        public override object Decode(ReadOnlySpan<double> point) =>
            options[UnitInterval.ChoiceIndex(options.Length, point[index])].Decode(point);

        public override void Encode(object value, double[] point)
        {
            for (var i = 0; i < options.Length; i++)
            {
                if (options[i].Matches(value))
                {
                    point[index] = (i + 0.5) / options.Length;
                    options[i].Encode(value, point);
                    return;
                }
            }

            throw new ArgumentException($"The value {value} of '{path}' is none of its choice's options.",
                nameof(value));
        }
    }

    /// <summary>A choice option: a literal, or an object whose members are literals (Node null) or
    /// distributions.</summary>
    private sealed class Option
    {
        private readonly object? _literal;
        private readonly (string Name, Node? Node, object Literal)[]? _members;

        public Option(object literal) => _literal = literal;

        public Option((string Name, Node? Node, object Literal)[] members) => _members = members;

        public object Decode(ReadOnlySpan<double> point)
        {
            if (_members is null)
            {
                return _literal!;
            }

            var values = new KeyValuePair<string, object>[_members.Length];
            for (var i = 0; i < _members.Length; i++)
            {
                var (name, node, literal) = _members[i];
                values[i] = new(name, node is null ? literal : node.Decode(point));
            }

            return EquatableMap<object>.Create(values);
        }

        public bool Matches(object value)
        {
            if (_members is null)
            {
                return Equals(_literal, value);
            }

            if (value is not IReadOnlyDictionary<string, object> map || map.Count != _members.Length)
            {
                return false;
            }

            foreach (var (name, node, literal) in _members)
            {
                if (!map.TryGetValue(name, out var member) || (node is null && !Equals(literal, member)))
                {
                    return false;
                }
            }

            return true;
        }

        public void Encode(object value, double[] point)
        {
            if (_members is null)
            {
                return;
            }

            var map = (IReadOnlyDictionary<string, object>)value;
            foreach (var (name, node, _) in _members)
            {
                node?.Encode(map[name], point);
            }
        }
    }
}
