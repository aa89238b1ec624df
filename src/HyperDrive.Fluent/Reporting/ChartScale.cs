namespace HyperDrive.Fluent.Reporting;

/// <summary>Maps a numeric domain onto a pixel range, linearly or logarithmically, with readable tick values.</summary>
internal sealed class ChartScale
{
    private readonly double _domainLow;
    private readonly double _domainHigh;
    private readonly double _rangeLow;
    private readonly double _rangeHigh;

    private ChartScale(double low, double high, double rangeLow, double rangeHigh, bool logarithmic)
    {
        IsLogarithmic = logarithmic;
        _domainLow = logarithmic ? Math.Log10(low) : low;
        _domainHigh = logarithmic ? Math.Log10(high) : high;
        _rangeLow = rangeLow;
        _rangeHigh = rangeHigh;
    }

    /// <summary>Gets whether values are placed by their logarithm.</summary>
    public bool IsLogarithmic { get; }

    /// <summary>Creates a scale covering <paramref name="values"/>; a single value gets a small band around
    /// it.</summary>
    /// <param name="values">The finite values to cover (at least one).</param>
    /// <param name="rangeLow">The pixel position of the lowest value.</param>
    /// <param name="rangeHigh">The pixel position of the highest value.</param>
    /// <param name="allowLogarithmic">Use a log scale when every value is positive and they span more than two
    /// decades.</param>
    /// <param name="forceLogarithmic">Use a log scale whenever every value is positive (a log-distributed
    /// parameter).</param>
    public static ChartScale Create(IReadOnlyCollection<double> values, double rangeLow, double rangeHigh,
        bool allowLogarithmic = false, bool forceLogarithmic = false)
    {
        var low = values.Min();
        var high = values.Max();
        if ((forceLogarithmic && low > 0 && high > low) || (allowLogarithmic && low > 0 && high / low > 100))
        {
            return new ChartScale(low, high, rangeLow, rangeHigh, logarithmic: true);
        }

        if (low == high)
        {
            var pad = low == 0 ? 1 : Math.Abs(low) * 0.05;
            low -= pad;
            high += pad;
        }

        return new ChartScale(low, high, rangeLow, rangeHigh, logarithmic: false);
    }

    /// <summary>Maps <paramref name="value"/> to a pixel position.</summary>
    public double Map(double value)
    {
        var v = IsLogarithmic ? Math.Log10(value) : value;
        return _rangeLow + ((v - _domainLow) / (_domainHigh - _domainLow) * (_rangeHigh - _rangeLow));
    }

    /// <summary>Gets about <paramref name="count"/> round tick values inside the domain.</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        if (IsLogarithmic)
        {
            var decades = new List<double>();
            for (var e = Math.Ceiling(_domainLow - 1e-9); e <= _domainHigh + 1e-9; e++)
            {
                decades.Add(Math.Pow(10, e));
            }

            return decades.Count >= 2 ? decades : [Math.Pow(10, _domainLow), Math.Pow(10, _domainHigh)];
        }

        var step = NiceStep((_domainHigh - _domainLow) / Math.Max(1, count - 1));
        var ticks = new List<double>();
        for (var t = Math.Ceiling((_domainLow / step) - 1e-9) * step; t <= _domainHigh + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return ticks;
    }

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction switch
        {
            < 1.5 => 1,
            < 3 => 2,
            < 7 => 5,
            _ => 10,
        };
        return nice * magnitude;
    }
}
