namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// One search-space parameter as the Gaussian process sees it: <see cref="Width"/> coordinates of the model's unit cube
/// starting at <see cref="Offset"/> (one for uniform and quniform, one per value for a choice, none for a constant).
/// </summary>
internal abstract class EncodedParameter
{
    protected EncodedParameter(string name, int offset)
    {
        Name = name;
        Offset = offset;
    }

    /// <summary>Gets the search-space key.</summary>
    public string Name { get; }

    /// <summary>Gets the first model coordinate.</summary>
    public int Offset { get; }

    /// <summary>Gets the number of model coordinates.</summary>
    public abstract int Width { get; }

    /// <summary>Gets the number of distinct values, or <see langword="null"/> for a continuous parameter.</summary>
    public abstract long? Cardinality { get; }

    /// <summary>Gets a description for error messages, e.g. <c>quniform(0, 10, 2)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Maps a point of [0, 1) (one Sobol or random coordinate) to this parameter's canonical
    /// coordinates.</summary>
    /// <param name="u">The coordinate.</param>
    /// <param name="x">The model point; only this parameter's coordinates are written.</param>
    public abstract void FromUnit(double u, Span<double> x);

    /// <summary>Snaps this parameter's coordinates to the nearest value the parameter can take (grid step,
    /// one-hot).</summary>
    /// <param name="x">The model point.</param>
    public abstract void Canonicalize(Span<double> x);

    /// <summary>Reads the parameter's value from canonical coordinates.</summary>
    /// <param name="x">The model point.</param>
    /// <returns>The value (<see cref="double"/>, <see cref="long"/>, <see cref="string"/>, <see cref="bool"/> or an
    /// object choice).</returns>
    public abstract object Decode(ReadOnlySpan<double> x);

    /// <summary>Writes the canonical coordinates of <paramref name="value"/>.</summary>
    /// <param name="value">A value of an earlier trial.</param>
    /// <param name="x">The model point.</param>
    /// <param name="problem">Why the value does not belong to this parameter, when it does not.</param>
    /// <returns>Whether the value belongs to this parameter.</returns>
    public abstract bool TryEncode(object value, Span<double> x, out string? problem);

    /// <summary>Gets the index of the canonical value (discrete parameters), for duplicate detection.</summary>
    /// <param name="x">The canonical model point.</param>
    /// <returns>The index; for a continuous parameter, the coordinate's bits.</returns>
    public abstract long Key(ReadOnlySpan<double> x);

    /// <summary>Moves this parameter to its <paramref name="index"/>-th value (discrete parameters only).</summary>
    /// <param name="index">0 to <see cref="Cardinality"/> − 1.</param>
    /// <param name="x">The model point.</param>
    public abstract void SetIndex(long index, Span<double> x);

    protected static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case double d:
                number = d;
                return double.IsFinite(d);
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            case float f:
                number = f;
                return float.IsFinite(f);
            case decimal m:
                number = (double)m;
                return true;
            default:
                number = double.NaN;
                return false;
        }
    }
}
