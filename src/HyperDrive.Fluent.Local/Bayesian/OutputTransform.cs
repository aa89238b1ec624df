using MathNet.Numerics.Distributions;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>How the Bayesian sampler reshapes the objective values (minimized) before fitting the Gaussian
/// process.</summary>
internal enum OutputWarping
{
    /// <summary>Standardize only (zero mean, unit variance).</summary>
    None,

    /// <summary>
    /// Squash the bad tail, then standardize: values above <c>t = median + 1.5·IQR</c> become <c>t + s·(1 − exp(−(y −
    /// t)/s))</c> (<c>s</c> the IQR), which is below <c>t + s</c> however bad <c>y</c> is, so a diverging trial (r² of
    /// −1e9) stays among the worst but no longer flattens the rest; the good side keeps its shape.
    /// </summary>
    CompressTail,

    /// <summary>
    /// <see cref="Quantile"/> when the objective is heavy-tailed, else <see cref="None"/>: heavy-tailed when a trial
    /// failed, or when in the first trials (the space-filling design, an unbiased sample of the objective) the worst
    /// value lies more than <see cref="OutputTransform.HeavyTailIqrs"/> interquartile ranges beyond the median.
    /// </summary>
    Auto,

    /// <summary>Replace each value by the normal quantile of its rank, <c>Φ⁻¹((rank + ½)/n)</c> (a Gaussian copula):
    /// only the order counts.</summary>
    Quantile,
}

/// <summary>The objective transform of the Bayesian sampler (see <see cref="OutputWarping"/>): robust to heavy tails,
/// monotone, deterministic.</summary>
internal static class OutputTransform
{
    /// <summary>How many interquartile ranges beyond the median the worst early value must lie for
    /// <see cref="OutputWarping.Auto"/> to rank.</summary>
    public const double HeavyTailIqrs = 10.0;

    /// <summary>Resolves <see cref="OutputWarping.Auto"/> for one history.</summary>
    /// <param name="early">The first finished values in trial order (minimized), at least the initial design's.</param>
    /// <param name="anyFailed">Whether any trial failed or reported a non-finite value.</param>
    /// <returns><see cref="OutputWarping.Quantile"/> or <see cref="OutputWarping.None"/>.</returns>
    public static OutputWarping Resolve(IReadOnlyList<double> early, bool anyFailed)
    {
        ArgumentNullException.ThrowIfNull(early);
        if (anyFailed)
        {
            return OutputWarping.Quantile;
        }

        if (early.Count < 4)
        {
            return OutputWarping.None;
        }

        var sorted = early.Order().ToArray();
        var iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        var median = Quantile(sorted, 0.5);
        return sorted[^1] - median > HeavyTailIqrs * Math.Max(iqr, 1e-12 * Math.Max(1.0, Math.Abs(median)))
            ? OutputWarping.Quantile : OutputWarping.None;
    }

    /// <summary>Transforms minimized objective values into the Gaussian process's targets.</summary>
    /// <param name="y">The values (finite; lower is better).</param>
    /// <param name="warping">The transform.</param>
    /// <returns>The targets, standardized (mean 0, unit variance unless all are equal), in the same order; monotone in
    /// <paramref name="y"/>.</returns>
    public static double[] Apply(IReadOnlyList<double> y, OutputWarping warping)
    {
        ArgumentNullException.ThrowIfNull(y);
        var values = y.ToArray();
        if (values.Length == 0)
        {
            return values;
        }

        switch (warping)
        {
            case OutputWarping.Auto:
                throw new ArgumentException("Resolve Auto first (OutputTransform.Resolve).", nameof(warping));
            case OutputWarping.Quantile:
                values = Quantiles(values);
                break;
            case OutputWarping.CompressTail:
                CompressTail(values);
                break;
        }

        return Standardize(values);
    }

    /// <summary>Standardizes to mean 0 and unit variance (unit scale when the values are all equal).</summary>
    /// <param name="y">The values.</param>
    /// <returns>The standardized values.</returns>
    public static double[] Standardize(double[] y)
    {
        if (y.Length == 0)
        {
            return y;
        }

        var mean = y.Average();

        // Scale-free: values equal up to rounding (relative to their size) are constant, but tiny values that really
        // differ (1e-80 apart) are standardized like any others. Dividing by the largest deviation first keeps the
        // squares from underflowing.
        var spread = y.Max(v => Math.Abs(v - mean));
        if (!(spread > 1e-12 * Math.Abs(mean)) || spread == 0)
        {
            return y.Select(v => v - mean).ToArray();
        }

        var variance = y.Sum(v => ((v - mean) / spread) * ((v - mean) / spread)) / y.Length;
        var std = Math.Sqrt(variance) * spread;

        return y.Select(v => (v - mean) / std).ToArray();
    }

    private static double[] Quantiles(double[] y)
    {
        // Ties share their mean rank, so equal values get equal targets.
        var ranks = MeanRanks(y);
        return ranks.Select(r => Normal.InvCDF(0.0, 1.0, (r + 0.5) / y.Length)).ToArray();
    }

    private static double[] MeanRanks(double[] y)
    {
        var n = y.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => y[i]).ThenBy(i => i).ToArray();
        var ranks = new double[n];
        var k = 0;
        while (k < n)
        {
            var end = k;
            while (end + 1 < n && y[order[end + 1]] == y[order[k]])
            {
                end++;
            }

            for (var i = k; i <= end; i++)
            {
                ranks[order[i]] = 0.5 * (k + end);
            }

            k = end + 1;
        }

        return ranks;
    }

    private static void CompressTail(double[] y)
    {
        var sorted = y.Order().ToArray();
        var q1 = Quantile(sorted, 0.25);
        var median = Quantile(sorted, 0.5);
        var q3 = Quantile(sorted, 0.75);
        var scale = q3 - q1;
        if (!(scale > 0))
        {
            scale = Math.Max(sorted[^1] - sorted[0], 1e-300);
        }

        var threshold = median + (1.5 * scale);
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] > threshold)
            {
                y[i] = threshold - (scale * MathNet.Numerics.SpecialFunctions.Expm1(-(y[i] - threshold) / scale));
            }
        }
    }

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(sorted.Length - 1, lower + 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
