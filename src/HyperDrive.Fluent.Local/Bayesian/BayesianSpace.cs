using System.Globalization;
using System.Text;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// A search space of <c>choice</c>, <c>uniform</c> and <c>quniform</c> parameters mapped onto the Gaussian process's
/// unit cube, and back.
/// </summary>
internal sealed class BayesianSpace
{
    private BayesianSpace(IReadOnlyList<EncodedParameter> parameters)
    {
        Parameters = parameters;
        Dimensions = parameters.Sum(p => p.Width);
        ContinuousCoordinates = parameters.OfType<UniformParameter>().Select(p => p.Offset).ToArray();
        double size = 1;
        foreach (var parameter in parameters)
        {
            size = parameter.Cardinality is { } count ? size * count : double.PositiveInfinity;
        }

        Size = size;
        var groupOf = new int[Dimensions];
        var logOffset = new double[Dimensions];
        var group = 0;
        foreach (var parameter in parameters.Where(p => p.Width > 0))
        {
            for (var j = 0; j < parameter.Width; j++)
            {
                groupOf[parameter.Offset + j] = group;
                logOffset[parameter.Offset + j] = parameter is CategoricalParameter ? LengthScaleGroups.OneHotLogOffset
                    : 0.0;
            }

            group++;
        }

        Groups = new LengthScaleGroups(groupOf, logOffset);
    }

    /// <summary>Gets the kernel's length-scale groups: one per parameter (a choice's one-hot coordinates share
    /// one).</summary>
    public LengthScaleGroups Groups { get; }

    /// <summary>Gets the parameters in search-space order.</summary>
    public IReadOnlyList<EncodedParameter> Parameters { get; }

    /// <summary>Gets the number of model coordinates.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the model coordinates of the continuous (uniform) parameters, which local refinement
    /// moves.</summary>
    public IReadOnlyList<int> ContinuousCoordinates { get; }

    /// <summary>Gets the number of distinct points, or infinity when a parameter is continuous.</summary>
    public double Size { get; }

    /// <summary>Builds the encoding of <paramref name="searchSpace"/>.</summary>
    /// <param name="searchSpace">The sweep's search space.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="ArgumentException">A parameter is not choice, uniform or quniform, or nests
    /// distributions.</exception>
    public static BayesianSpace Create(IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        ArgumentNullException.ThrowIfNull(searchSpace);
        if (searchSpace.Count == 0)
        {
            throw new ArgumentException("Bayesian sampling needs at least one search-space parameter.",
                nameof(searchSpace));
        }

        var parameters = new List<EncodedParameter>();
        var offset = 0;
        foreach (var (name, distribution) in searchSpace)
        {
            EncodedParameter parameter = distribution switch
            {
                UniformDistribution u => new UniformParameter(name, offset, u.Min, u.Max),
                QUniformDistribution q => new QuantizedParameter(name, offset, q.Min, q.Max, q.Q),
                ChoiceDistribution { HasNestedDistributions: true } => throw new ArgumentException(
                    "Bayesian sampling does not support nested distributions inside the choice " +
                        $"'search_space.{name}'; flatten the conditional space, or use random sampling.",
                    nameof(searchSpace)),
                ChoiceDistribution c => new CategoricalParameter(name, offset, c.Values),
                _ => throw new ArgumentException(
                    $"Bayesian sampling supports only choice, uniform and quniform, but 'search_space.{name}' is " +
                        $"{distribution.TypeName}; use one of those, or use random sampling.",
                    nameof(searchSpace)),
            };
            parameters.Add(parameter);
            offset += parameter.Width;
        }

        return new BayesianSpace(parameters);
    }

    /// <summary>Maps a point of [0, 1)^parameters (one coordinate per parameter) to a canonical model point.</summary>
    /// <param name="unit">One coordinate per parameter.</param>
    /// <param name="x">The model point (<see cref="Dimensions"/> values).</param>
    public void FromUnit(ReadOnlySpan<double> unit, Span<double> x)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            Parameters[i].FromUnit(unit[i], x);
        }
    }

    /// <summary>Snaps a model point to values the parameters can take.</summary>
    /// <param name="x">The model point.</param>
    public void Canonicalize(Span<double> x)
    {
        foreach (var parameter in Parameters)
        {
            parameter.Canonicalize(x);
        }
    }

    /// <summary>Reads the parameter values of a canonical model point.</summary>
    /// <param name="x">The model point.</param>
    /// <returns>The values by search-space key, in search-space order.</returns>
    public IReadOnlyDictionary<string, object> Decode(ReadOnlySpan<double> x)
    {
        var values = new Dictionary<string, object>(Parameters.Count, StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            values[parameter.Name] = parameter.Decode(x);
        }

        return values;
    }

    /// <summary>Encodes the parameters of an earlier trial.</summary>
    /// <param name="values">The trial's parameters.</param>
    /// <param name="x">The model point.</param>
    /// <param name="problem">What does not fit, naming the parameter.</param>
    /// <returns>Whether the trial belongs to this space.</returns>
    public bool TryEncode(IReadOnlyDictionary<string, object> values, Span<double> x, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var parameter in Parameters)
        {
            if (!values.TryGetValue(parameter.Name, out var value) || value is null)
            {
                problem =
                    $"search_space.{parameter.Name}: the earlier trial has no value for '{parameter.Name}', which " +
                    "this sweep's search space has";
                return false;
            }

            if (!parameter.TryEncode(value, x, out var why))
            {
                problem = $"search_space.{parameter.Name}: {why}";
                return false;
            }
        }

        foreach (var key in values.Keys)
        {
            if (!Parameters.Any(p => p.Name == key))
            {
                problem =
                    $"search_space.{key}: the earlier trial has a parameter '{key}', which this sweep's search space " +
                    "does not have";
                return false;
            }
        }

        problem = null;
        return true;
    }

    /// <summary>Gets a key that is equal for two canonical points exactly when they decode to the same
    /// parameters.</summary>
    /// <param name="x">The canonical model point.</param>
    /// <returns>The key.</returns>
    public string Key(ReadOnlySpan<double> x)
    {
        var text = new StringBuilder();
        foreach (var parameter in Parameters)
        {
            text.Append(parameter.Key(x).ToString(CultureInfo.InvariantCulture)).Append('|');
        }

        return text.ToString();
    }
}
