using HyperDrive.Fluent.Local.Bayesian;
using MathNet.Numerics.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Bayesian;

public class LogExpectedImprovementTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.3, 0.5, 1.0)]
    [InlineData(2.0, 0.7, 0.1)]
    [InlineData(-1.0, 2.0, 0.5)]
    public void Matches_the_closed_form_where_that_is_accurate(double mean, double sigma, double best)
    {
        var z = (best - mean) / sigma;
        var ei = sigma * (Normal.PDF(0, 1, z) + (z * Normal.CDF(0, 1, z)));

        LogExpectedImprovement.Evaluate(mean, sigma, best).Should().BeApproximately(Math.Log(ei), 1e-9);
    }

    [Fact]
    public void Stays_finite_and_ordered_far_in_the_tail()
    {
        var values = new[] { 5.0, 10.0, 40.0, 1e3, 1e9 }.Select(mean => LogExpectedImprovement.Evaluate(mean, 1.0, 0.0)).ToList();

        values.Should().OnlyContain(v => double.IsFinite(v));
        values.Should().BeInDescendingOrder();
        // Asymptotically log EI ≈ −z²/2 − log √(2π) − 2 log |z|.
        values[2].Should().BeApproximately((-0.5 * 1600) - (0.5 * Math.Log(2 * Math.PI)) - (2 * Math.Log(40)), 1e-2);
    }

    [Theory]
    [InlineData(0.2, 0.8, 0.0)]
    [InlineData(3.0, 0.5, 0.0)]
    [InlineData(12.0, 0.5, 0.0)]
    public void The_derivatives_match_finite_differences(double mean, double sigma, double best)
    {
        LogExpectedImprovement.Evaluate(mean, sigma, best, out var dMean, out var dSigma);
        const double h = 1e-6;

        dMean.Should().BeApproximately((LogExpectedImprovement.Evaluate(mean + h, sigma, best) - LogExpectedImprovement.Evaluate(mean - h, sigma, best)) / (2 * h), 1e-4 * Math.Max(1, Math.Abs(dMean)));
        dSigma.Should().BeApproximately((LogExpectedImprovement.Evaluate(mean, sigma + h, best) - LogExpectedImprovement.Evaluate(mean, sigma - h, best)) / (2 * h), 1e-4 * Math.Max(1, Math.Abs(dSigma)));
    }
}
