using CsCheck;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

public class UnitIntervalTests
{
    private static readonly Gen<double> Unit = Gen.Double[0.0, 1.0];

    [Fact]
    public void RandInt_is_an_integer_in_zero_to_upper_exclusive()
    {
        Gen.Select(Gen.Long[1, 1_000_000], Unit).Sample((upper, u) =>
        {
            var value = UnitInterval.ToValue(RandInt(upper), u, "p");
            value.Should().BeOfType<long>();
            ((long)value).Should().BeInRange(0, upper - 1);
        });
    }

    [Fact]
    public void Uniform_stays_within_its_inclusive_bounds()
    {
        Gen.Select(Gen.Double[-1e6, 1e6], Gen.Double[1e-6, 1e6], Unit).Sample((min, width, u) =>
        {
            var value = (double)UnitInterval.ToValue(Uniform(min, min + width), u, "p");
            value.Should().BeInRange(min, min + width);
        });
    }

    [Fact]
    public void QUniform_with_a_whole_step_is_a_long_multiple_of_q_between_the_rounded_bounds()
    {
        Gen.Select(Gen.Int[-1000, 1000], Gen.Int[1, 500], Gen.Int[1, 64], Unit).Sample((min, width, q, u) =>
        {
            var value = UnitInterval.ToValue(QUniform(min, min + width, q), u, "p");
            value.Should().BeOfType<long>();
            var x = (long)value;
            (x % q).Should().Be(0);
            x.Should().BeInRange((long)Math.Round((double)min / q) * q, (long)Math.Round((double)(min + width) / q) * q);
        });
    }

    [Fact]
    public void QUniform_with_a_fractional_step_is_a_double_on_the_q_grid()
    {
        Gen.Select(Gen.Double[0, 10], Unit).Sample((min, u) =>
        {
            var value = UnitInterval.ToValue(QUniform(min, min + 5, 0.25), u, "p");
            value.Should().BeOfType<double>();
            var steps = (double)value / 0.25;
            steps.Should().BeApproximately(Math.Round(steps), 1e-9);
        });
    }

    [Fact]
    public void QUniform_rounds_half_to_even_like_Python()
    {
        // round(U/q)*q at U = 2.5 (q = 1) is 2 in Python 3, not 3; U = 1.5 and U = 3.5 give 2 and 4.
        UnitInterval.ToValue(QUniform(0, 4, 1), 0.375, "p").Should().Be(2L);
        UnitInterval.ToValue(QUniform(0, 4, 1), 0.625, "p").Should().Be(2L);
        UnitInterval.ToValue(QUniform(0, 4, 1), 0.875, "p").Should().Be(4L);
    }

    [Fact]
    public void LogUniform_takes_natural_log_exponents_as_bounds()
    {
        Gen.Select(Gen.Double[-10, 5], Gen.Double[0, 5], Unit).Sample((min, width, u) =>
        {
            var value = (double)UnitInterval.ToValue(LogUniform(min, min + width), u, "p");
            value.Should().BeInRange(Math.Exp(min) * (1 - 1e-12), Math.Exp(min + width) * (1 + 1e-12));
        });
        ((double)UnitInterval.ToValue(LogUniform(Math.Log(1e-4), Math.Log(1e-1)), 0.5, "p"))
            .Should().BeApproximately(Math.Sqrt(1e-4 * 1e-1), 1e-12);
    }

    [Fact]
    public void QLogUniform_is_a_non_negative_multiple_of_q()
    {
        Gen.Select(Gen.Double[0, 6], Gen.Int[1, 32], Unit).Sample((max, q, u) =>
        {
            var x = (long)UnitInterval.ToValue(QLogUniform(0, max, q), u, "p");
            (x % q).Should().Be(0);
            x.Should().BeInRange(0, (long)(Math.Round(Math.Exp(max) / q) * q));
        });
    }

    [Fact]
    public void Normal_maps_the_median_to_mu_and_quantiles_through_the_accurate_inverse_cdf()
    {
        ((double)UnitInterval.ToValue(Normal(3, 2), 0.5, "p")).Should().BeApproximately(3, 1e-12);
        ((double)UnitInterval.ToValue(Normal(0, 1), 0.975, "p")).Should().BeApproximately(1.959963984540054, 1e-9);
        ((double)UnitInterval.ToValue(Normal(0, 1), 1e-10, "p")).Should().BeApproximately(-6.361340902404056, 1e-6);
        Unit.Sample(u => double.IsFinite((double)UnitInterval.ToValue(Normal(0, 1), u, "p")).Should().BeTrue());
    }

    [Fact]
    public void QNormal_and_QLogNormal_are_multiples_of_q_and_LogNormal_is_positive()
    {
        Gen.Select(Gen.Int[1, 10], Unit).Sample((q, u) =>
        {
            ((long)UnitInterval.ToValue(QNormal(50, 10, q), u, "p") % q).Should().Be(0);
            var logNormal = (long)UnitInterval.ToValue(QLogNormal(1, 0.5, q), u, "p");
            (logNormal % q).Should().Be(0);
            logNormal.Should().BeGreaterThanOrEqualTo(0);
            ((double)UnitInterval.ToValue(LogNormal(0, 1), u, "p")).Should().BePositive();
        });
    }

    [Fact]
    public void A_quantized_value_beyond_2_pow_53_fails_naming_the_parameter()
    {
        var act = () => UnitInterval.ToValue(QLogNormal(60, 1, 1), 0.5, "batch_size");
        act.Should().Throw<OverflowException>().WithMessage("*'batch_size'*narrow*");
    }

    [Fact]
    public void Choice_index_splits_the_interval_into_equal_cells()
    {
        Gen.Select(Gen.Int[1, 1000], Unit).Sample((count, u) =>
            UnitInterval.ChoiceIndex(count, u).Should().Be(Math.Min(count - 1, (int)Math.Floor(u * count))));
        UnitInterval.ChoiceIndex(4, 0.2499).Should().Be(0);
        UnitInterval.ChoiceIndex(4, 0.25).Should().Be(1);
        UnitInterval.ChoiceIndex(4, 1.0).Should().Be(3);
    }

    [Fact]
    public void ToUnit_inverts_ToValue_for_continuous_distributions()
    {
        Distribution[] distributions = [Uniform(-2, 7), LogUniform(-5, 1), Normal(1, 3), LogNormal(0.5, 0.7)];
        Gen.Double[0.001, 0.999].Sample(u =>
        {
            foreach (var distribution in distributions)
            {
                UnitInterval.ToUnit(distribution, UnitInterval.ToValue(distribution, u, "p")).Should().BeApproximately(u, 1e-9);
            }
        });
    }
}
