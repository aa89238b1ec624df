using System.Globalization;
using System.Text.Json;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Benchmarks.Samplers;

/// <summary>
/// A real tuning problem of the suite: a scikit-learn objective evaluated once on a grid by make_tables.py and, between
/// the grid's nodes, the multilinear interpolation of the node values, exactly as tables.py computes it for Optuna.
/// A node whose fit failed (stored as null) makes every point where it has weight a failed trial (NaN).
/// </summary>
internal sealed class TableProblem
{
    private readonly Axis[] _axes;
    private readonly double?[] _values;

    private TableProblem(string name, string description, Axis[] axes, double?[] values, double optimum)
    {
        Name = name;
        Description = description;
        _axes = axes;
        _values = values;
        Optimum = optimum;
        SearchSpace = EquatableMap<Distribution>.Create(axes.Select(a => new KeyValuePair<string, Distribution>(a.Name, a.Distribution)));
        var finite = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        Scale = Optimum - finite[finite.Length / 2];
    }

    /// <summary>Gets the problem's name (the table's file name).</summary>
    public string Name { get; }

    /// <summary>Gets what is tuned and how it is scored.</summary>
    public string Description { get; }

    /// <summary>Gets the search space (choice, uniform and quniform).</summary>
    public EquatableMap<Distribution> SearchSpace { get; }

    /// <summary>Gets the best value (the best node: a multilinear interpolant has its extremes at cell corners).</summary>
    public double Optimum { get; }

    /// <summary>Gets the optimum minus the median node value: the regret floor of the geometric means is 1e-6 of it.</summary>
    public double Scale { get; }

    /// <summary>Gets the number of parameters.</summary>
    public int Parameters => _axes.Length;

    /// <summary>Gets the number of numeric (uniform or quniform) parameters.</summary>
    public int NumericParameters => _axes.Count(a => a.Nodes is not null);

    /// <summary>Gets how many nodes failed.</summary>
    public int FailedNodes => _values.Count(v => v is null);

    /// <summary>Gets the number of nodes.</summary>
    public int Nodes => _values.Length;

    /// <summary>Gets the regret of a best value (optimum minus best; the objective is maximized).</summary>
    /// <param name="best">The best value found, or <see langword="null"/> when every trial failed.</param>
    /// <returns>The simple regret.</returns>
    public double Regret(double? best) => Optimum - (best ?? _values.Where(v => v is not null).Min()!.Value);

    /// <summary>Reads tables/<paramref name="name"/>.json next to the harness.</summary>
    /// <param name="name">The problem.</param>
    /// <returns>The problem.</returns>
    public static TableProblem Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "tables", name + ".json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var axes = root.GetProperty("parameters").EnumerateArray().Select(ReadAxis).ToArray();
        var values = root.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
        var stride = 1;
        for (var i = axes.Length - 1; i >= 0; i--)
        {
            axes[i] = axes[i] with { Stride = stride };
            stride *= axes[i].Length;
        }

        if (stride != values.Length)
        {
            throw new InvalidOperationException($"{path}: {values.Length} values for a grid of {stride} nodes.");
        }

        return new TableProblem(name, root.GetProperty("description").GetString()!, axes, values, root.GetProperty("optimum").GetDouble());
    }

    /// <summary>Evaluates the objective at a proposal.</summary>
    /// <param name="parameters">The proposal.</param>
    /// <returns>The value, or NaN for a failed trial.</returns>
    public double Evaluate(IReadOnlyDictionary<string, object> parameters)
    {
        // Same corner order and arithmetic as tables.py's evaluate.
        var corners = new List<(int Index, double Weight)> { (0, 1.0) };
        foreach (var axis in _axes)
        {
            var value = parameters[axis.Name];
            (int Node, double Weight)[] terms;
            if (axis.Nodes is not { } nodes)
            {
                terms = [(Array.FindIndex(axis.Choices!, c => c.Equals(value)), 1.0)];
                if (terms[0].Node < 0)
                {
                    throw new ArgumentException($"{value} is not a choice of {axis.Name}.");
                }
            }
            else
            {
                var v = Math.Min(Math.Max(Convert.ToDouble(value, CultureInfo.InvariantCulture), nodes[0]), nodes[^1]);
                var j = 0;
                while (j < nodes.Length - 2 && v > nodes[j + 1])
                {
                    j++;
                }

                var t = (v - nodes[j]) / (nodes[j + 1] - nodes[j]);
                terms = [(j, 1.0 - t), (j + 1, t)];
            }

            var next = new List<(int, double)>(corners.Count * 2);
            foreach (var (index, weight) in corners)
            {
                foreach (var (node, w) in terms)
                {
                    if (w > 0.0)
                    {
                        next.Add((index + (node * axis.Stride), weight * w));
                    }
                }
            }

            corners = next;
        }

        var total = 0.0;
        foreach (var (index, weight) in corners)
        {
            if (_values[index] is not { } value)
            {
                return double.NaN;
            }

            total += weight * value;
        }

        return total;
    }

    /// <summary>Reads a check point exported by tuning_bench.py into the values our samplers propose.</summary>
    /// <param name="point">The JSON object.</param>
    /// <returns>The parameters.</returns>
    public IReadOnlyDictionary<string, object> ReadPoint(JsonElement point) =>
        _axes.ToDictionary(
            a => a.Name,
            a =>
            {
                var e = point.GetProperty(a.Name);
                return a.Distribution switch
                {
                    ChoiceDistribution => a.Choices!.First(c => c.Equals(Scalar(e))),
                    QUniformDistribution q => double.IsInteger(q.Q) ? (long)Math.Round(e.GetDouble()) : (object)e.GetDouble(),
                    _ => (object)e.GetDouble(),
                };
            },
            StringComparer.Ordinal);

    private static object Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetInt64();

    private static Axis ReadAxis(JsonElement p)
    {
        var name = p.GetProperty("name").GetString()!;
        switch (p.GetProperty("kind").GetString())
        {
            case "choice":
                var choices = p.GetProperty("values").EnumerateArray().Select(Scalar).ToArray();
                return new Axis(name, new ChoiceDistribution(choices), null, choices, choices.Length, 0);
            case "uniform":
                var nodes = p.GetProperty("nodes").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                return new Axis(name, new UniformDistribution(p.GetProperty("min").GetDouble(), p.GetProperty("max").GetDouble()), nodes, null, nodes.Length, 0);
            default:
                var grid = p.GetProperty("nodes").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                return new Axis(name, new QUniformDistribution(p.GetProperty("min").GetDouble(), p.GetProperty("max").GetDouble(), p.GetProperty("q").GetDouble()), grid, null, grid.Length, 0);
        }
    }

    private sealed record Axis(string Name, Distribution Distribution, double[]? Nodes, object[]? Choices, int Length, int Stride);
}
