using CsCheck;
using HyperDrive.Fluent.Local.Bayesian;

namespace HyperDrive.Fluent.Tests.Local.Bayesian;

public class OutputTransformTests
{
    private static readonly Gen<double[]> Values = Gen.OneOf(Gen.Double[-1e3, 1e3], Gen.Double[-1e12, 1e12], Gen.Int[-3, 3].Select(i => (double)i)).Array[2, 40];

    [Theory]
    [InlineData("None")]
    [InlineData("CompressTail")]
    [InlineData("Quantile")]
    public void Every_warping_keeps_the_order_and_standardizes(string mode)
    {
        var warping = Enum.Parse<OutputWarping>(mode);
        Values.Sample(y =>
        {
            var t = OutputTransform.Apply(y, warping);

            t.Should().HaveCount(y.Length).And.OnlyContain(v => double.IsFinite(v));
            for (var i = 0; i < y.Length; i++)
            {
                for (var j = 0; j < y.Length; j++)
                {
                    if (y[i] < y[j])
                    {
                        t[i].Should().BeLessThanOrEqualTo(t[j]);
                    }
                    else if (y[i] == y[j])
                    {
                        t[i].Should().Be(t[j]);
                    }
                }
            }

            if (y.Distinct().Count() > 1)
            {
                t.Average().Should().BeApproximately(0.0, 1e-9);
                (t.Sum(v => v * v) / t.Length).Should().BeApproximately(1.0, 1e-9);
            }
        });
    }

    [Theory]
    [InlineData("CompressTail")]
    [InlineData("Quantile")]
    public void One_diverging_trial_does_not_flatten_the_others(string mode)
    {
        var warping = Enum.Parse<OutputWarping>(mode);
        // Minimized: nine ordinary losses and one trial whose loss blew up to 1e9 (an r² of −1e9).
        double[] y = [0.50, 0.52, 0.47, 0.61, 0.55, 0.49, 0.58, 0.53, 0.60, 1e9];

        var t = OutputTransform.Apply(y, warping);
        var plain = OutputTransform.Apply(y, OutputWarping.None);

        (t[3] - t[2]).Should().BeGreaterThan(0.5, "the spread of the ordinary trials survives");
        (plain[3] - plain[2]).Should().BeLessThan(1e-6, "plain standardization flattens them, which is what the warping is for");
        t[9].Should().Be(t.Max());
    }

    [Fact]
    public void Quantile_targets_depend_only_on_the_ranks()
    {
        Gen.Double[-1e6, 1e6].Array[3, 30].Sample(y =>
        {
            var stretched = y.Select(v => Math.Sign(v) * v * v).ToArray();   // strictly increasing map

            OutputTransform.Apply(stretched, OutputWarping.Quantile).Should().Equal(OutputTransform.Apply(y, OutputWarping.Quantile));
        });
    }

    [Fact]
    public void Compressing_the_tail_leaves_values_up_to_the_threshold_as_plain_standardization_would()
    {
        // Below median + 1.5 IQR nothing changes before standardization: with no value beyond it, the result is plain.
        double[] y = [1, 2, 3, 4, 5, 6, 7, 8];

        OutputTransform.Apply(y, OutputWarping.CompressTail).Should().Equal(OutputTransform.Apply(y, OutputWarping.None));
    }

    [Fact]
    public void Auto_ranks_when_a_trial_failed_or_an_early_value_is_far_out_and_keeps_the_values_otherwise()
    {
        // Branin-like: skewed, large range, but no value more than 10 IQRs beyond the median.
        double[] skewed = [12.0, 30.5, 2.1, 55.0, 140.0, 18.2, 7.7, 95.0];
        double[] diverged = [0.50, 0.52, 0.47, 0.61, 1e9, 0.49, 0.58, 0.53];

        OutputTransform.Resolve(skewed, anyFailed: false).Should().Be(OutputWarping.None);
        OutputTransform.Resolve(skewed, anyFailed: true).Should().Be(OutputWarping.Quantile);
        OutputTransform.Resolve(diverged, anyFailed: false).Should().Be(OutputWarping.Quantile);
        OutputTransform.Resolve([1.0, 2.0, 1e9], anyFailed: false).Should().Be(OutputWarping.None, "three values say nothing about the tail");
    }

    [Fact]
    public void Auto_must_be_resolved_before_it_is_applied()
    {
        var act = () => OutputTransform.Apply([1.0, 2.0], OutputWarping.Auto);

        act.Should().Throw<ArgumentException>().WithMessage("*Resolve*");
    }
}
