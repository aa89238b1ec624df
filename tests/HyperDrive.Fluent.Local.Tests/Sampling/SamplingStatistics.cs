using MathNet.Numerics.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

/// <summary>Goodness-of-fit checks with fixed seeds (so the tests are deterministic) and generous bounds.</summary>
internal static class SamplingStatistics
{
    /// <summary>Asserts the counts fit equal expected frequencies (chi-square test at p = 0.0001).</summary>
    public static void ShouldBeUniformCounts(IReadOnlyList<int> counts)
    {
        double total = counts.Sum();
        var expected = total / counts.Count;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        var critical = ChiSquared.InvCDF(counts.Count - 1, 0.9999);
        chiSquare.Should().BeLessThan(critical, $"counts [{string.Join(", ", counts)}] should be uniform");
    }

    /// <summary>Asserts the sample follows the CDF (Kolmogorov–Smirnov at alpha = 0.001).</summary>
    public static void ShouldFollow(IEnumerable<double> sample, Func<double, double> cdf)
    {
        var sorted = sample.OrderBy(x => x).ToArray();
        var n = sorted.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        d.Should().BeLessThan(1.95 / Math.Sqrt(n));
    }
}
