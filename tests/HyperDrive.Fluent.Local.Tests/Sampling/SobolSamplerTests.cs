using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Sampling;

public class SobolSamplerTests
{
    // scipy.stats.qmc.Sobol(d=6, scramble=False).random(8) (SciPy 1.10.1, Joe–Kuo new-joe-kuo-6.21201), in SciPy's
    // Gray-code order: SciPy's point g is point g ^ (g >> 1) in natural order.
    private static readonly double[][] SciPySixDimensions =
    [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
        [0.75, 0.25, 0.25, 0.25, 0.75, 0.75],
        [0.25, 0.75, 0.75, 0.75, 0.25, 0.25],
        [0.375, 0.375, 0.625, 0.875, 0.375, 0.125],
        [0.875, 0.875, 0.125, 0.375, 0.875, 0.625],
        [0.625, 0.125, 0.875, 0.625, 0.625, 0.875],
        [0.125, 0.625, 0.375, 0.125, 0.125, 0.375],
    ];

    // scipy.stats.qmc.Sobol(d=40, scramble=False).random(16)[:, 30:40], same order.
    private static readonly double[][] SciPyDimensions30To39 =
    [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
        [0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25, 0.25],
        [0.75, 0.75, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75],
        [0.375, 0.125, 0.875, 0.875, 0.625, 0.625, 0.625, 0.875, 0.375, 0.875],
        [0.875, 0.625, 0.375, 0.375, 0.125, 0.125, 0.125, 0.375, 0.875, 0.375],
        [0.125, 0.375, 0.625, 0.125, 0.375, 0.375, 0.875, 0.625, 0.125, 0.625],
        [0.625, 0.875, 0.125, 0.625, 0.875, 0.875, 0.375, 0.125, 0.625, 0.125],
        [0.4375, 0.8125, 0.0625, 0.9375, 0.5625, 0.4375, 0.1875, 0.8125, 0.3125, 0.5625],
        [0.9375, 0.3125, 0.5625, 0.4375, 0.0625, 0.9375, 0.6875, 0.3125, 0.8125, 0.0625],
        [0.1875, 0.5625, 0.3125, 0.1875, 0.3125, 0.6875, 0.4375, 0.5625, 0.0625, 0.8125],
        [0.6875, 0.0625, 0.8125, 0.6875, 0.8125, 0.1875, 0.9375, 0.0625, 0.5625, 0.3125],
        [0.0625, 0.9375, 0.9375, 0.0625, 0.1875, 0.8125, 0.5625, 0.1875, 0.1875, 0.4375],
        [0.5625, 0.4375, 0.4375, 0.5625, 0.6875, 0.3125, 0.0625, 0.6875, 0.6875, 0.9375],
        [0.3125, 0.6875, 0.6875, 0.8125, 0.9375, 0.0625, 0.8125, 0.4375, 0.4375, 0.1875],
        [0.8125, 0.1875, 0.1875, 0.3125, 0.4375, 0.5625, 0.3125, 0.9375, 0.9375, 0.6875],
    ];

    private static KeyValuePair<string, Distribution>[] UnitCube(int dimensions) =>
        Enumerable.Range(0, dimensions).Select(i => new KeyValuePair<string, Distribution>($"x{i}", Uniform(0, 1))).ToArray();

    private static double[][] Points(ISampler sampler, int count, int dimensions) =>
        Enumerable.Range(0, count)
            .Select(n => sampler.Propose(n, SamplerHistory.Empty)!)
            .Select(p => Enumerable.Range(0, dimensions).Select(i => (double)p[$"x{i}"]).ToArray())
            .ToArray();

    [Fact]
    public void Unscrambled_points_are_the_Joe_Kuo_sequence_SciPy_produces()
    {
        var six = new SobolSequence(6, seed: 0, scramble: false);
        var forty = new SobolSequence(40, seed: 0, scramble: false);
        var point6 = new double[6];
        var point40 = new double[40];
        for (var g = 0; g < 16; g++)
        {
            var natural = g ^ (g >> 1);
            if (g < 8)
            {
                six.GetPoint(natural, point6);
                point6.Should().Equal(SciPySixDimensions[g]);
            }

            forty.GetPoint(natural, point40);
            point40[30..40].Should().Equal(SciPyDimensions30To39[g]);
        }
    }

    [Theory]
    [InlineData(3, 16)]
    [InlineData(21, 64)]
    [InlineData(100, 64)]
    public void Scrambled_points_stay_stratified_in_every_coordinate(int dimensions, int count)
    {
        // Each block of 2^m points of a scrambled Sobol' net has exactly one point in each 1/2^m interval of every axis.
        var points = Points(new SobolSampler(UnitCube(dimensions), seed: 2024), count, dimensions);
        for (var d = 0; d < dimensions; d++)
        {
            points.Select(p => (int)(p[d] * count)).Should().OnlyHaveUniqueItems($"coordinate {d} should be stratified");
        }
    }

    [Fact]
    public void The_first_two_coordinates_fill_every_cell_of_a_4x4_grid_with_16_trials()
    {
        var points = Points(new SobolSampler(UnitCube(2), seed: 77), 16, 2);
        points.Select(p => ((int)(p[0] * 4), (int)(p[1] * 4))).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(5, 16)]
    [InlineData(10, 16)]
    [InlineData(10, 64)]
    public void Sobol_has_a_lower_centered_discrepancy_than_random(int dimensions, int count)
    {
        double sobol = 0, random = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            sobol += CenteredL2Discrepancy(Points(new SobolSampler(UnitCube(dimensions), seed), count, dimensions));
            random += CenteredL2Discrepancy(Points(new RandomSampler(UnitCube(dimensions), seed), count, dimensions));
        }

        sobol.Should().BeLessThan(random * 0.8);
    }

    /// <summary>Hickernell's centered L2 discrepancy, squared (what SciPy's <c>qmc.discrepancy(method="CD")</c> computes).</summary>
    private static double CenteredL2Discrepancy(double[][] points)
    {
        var n = points.Length;
        var d = points[0].Length;
        var sum1 = 0.0;
        foreach (var x in points)
        {
            var product = 1.0;
            foreach (var xk in x)
            {
                var a = Math.Abs(xk - 0.5);
                product *= 1 + (0.5 * a) - (0.5 * a * a);
            }

            sum1 += product;
        }

        var sum2 = 0.0;
        foreach (var x in points)
        {
            foreach (var y in points)
            {
                var product = 1.0;
                for (var k = 0; k < d; k++)
                {
                    product *= 1 + (0.5 * Math.Abs(x[k] - 0.5)) + (0.5 * Math.Abs(y[k] - 0.5)) - (0.5 * Math.Abs(x[k] - y[k]));
                }

                sum2 += product;
            }
        }

        return Math.Pow(13.0 / 12, d) - (2.0 / n * sum1) + (sum2 / ((double)n * n));
    }

    [Fact]
    public void Sobol_is_deterministic_per_seed_and_differs_between_seeds()
    {
        var space = UnitCube(5).Append(new("c", Choice("a", "b", "c"))).Append(new("q", QUniform(0, 64, 8))).ToArray();
        var first = Enumerable.Range(0, 32).Select(n => new SobolSampler(space, 5).Propose(n, SamplerHistory.Empty)).ToList();
        var again = Enumerable.Range(0, 32).Reverse().Select(n => new SobolSampler(space, 5).Propose(n, SamplerHistory.Empty)).Reverse().ToList();
        var other = Enumerable.Range(0, 32).Select(n => new SobolSampler(space, 6).Propose(n, SamplerHistory.Empty)).ToList();

        again.Should().Equal(first);
        other.Should().NotEqual(first);
        first[0]!["x0"].Should().NotBe(0.0, "scrambling moves the first point off the corner");
    }

    [Fact]
    public void Nested_distributions_get_their_own_dimensions()
    {
        var space = new KeyValuePair<string, Distribution>[]
        {
            new("model", Choice(Option(("name", "svm"), ("C", LogUniform(-3, 3))), Option(("name", "knn"), ("k", RandInt(20))))),
            new("lr", Uniform(0, 1)),
        };
        var sampler = new SobolSampler(space, 1);
        sampler.Layout.DimensionCount.Should().Be(4);
        var models = Enumerable.Range(0, 64).Select(n => (IReadOnlyDictionary<string, object>)sampler.Propose(n, SamplerHistory.Empty)!["model"]).ToList();
        models.Count(m => (string)m["name"] == "svm").Should().Be(32);
        models.Where(m => (string)m["name"] == "knn").Select(m => (long)m["k"]).Should().OnlyContain(k => k >= 0 && k < 20);
    }

    [Fact]
    public void A_space_with_more_dimensions_than_the_table_fails_with_the_fix()
    {
        var act = () => new SobolSampler(UnitCube(SobolSequence.MaxDimensions + 1), 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1025*rule 'random'*");
    }
}
