using HyperDrive.Fluent.Local.Bayesian;

namespace HyperDrive.Fluent.Local.Tests.Bayesian;

public class GaussianProcessTests
{
    private static readonly double[] X = [0.1, 0.2, 0.35, 0.9, 0.5, 0.5, 0.8, 0.1, 0.6, 0.7];   // five 2-D points
    private static readonly double[] Y = [-1.0, 0.5, 1.2, -0.3, 0.1];

    private static GpHyperparameters Hyper(double noise = 1e-6) => new([0.3, 0.5], 1.0, noise);

    [Fact]
    public void With_small_noise_the_posterior_interpolates_the_training_points()
    {
        var model = GaussianProcess.Condition(X, Y, Hyper());
        var workspace = new double[model.WorkspaceLength];

        for (var i = 0; i < Y.Length; i++)
        {
            var (mean, variance) = model.Predict(X.AsSpan(i * 2, 2), workspace);
            mean.Should().BeApproximately(Y[i], 1e-3);
            variance.Should().BeLessThan(1e-4);
        }
    }

    [Fact]
    public void Far_from_the_data_the_posterior_returns_to_the_prior()
    {
        var model = GaussianProcess.Condition(X, Y, new GpHyperparameters([0.05, 0.05], 2.0, 1e-6));

        var (mean, variance) = model.Predict([0.99, 0.99], new double[model.WorkspaceLength]);

        mean.Should().BeApproximately(0.0, 1e-3);
        variance.Should().BeApproximately(2.0, 1e-3);
    }

    [Fact]
    public void The_prediction_gradient_matches_finite_differences()
    {
        var model = GaussianProcess.Condition(X, Y, Hyper(1e-4));
        var workspace = new double[model.WorkspaceLength];
        double[] point = [0.42, 0.61];
        var meanGradient = new double[2];
        var varianceGradient = new double[2];

        model.PredictWithGradient(point, meanGradient, varianceGradient, workspace);

        for (var j = 0; j < 2; j++)
        {
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            var (mu1, v1) = model.Predict(up, workspace);
            var (mu0, v0) = model.Predict(down, workspace);
            meanGradient[j].Should().BeApproximately((mu1 - mu0) / 2e-6, 1e-5);
            varianceGradient[j].Should().BeApproximately((v1 - v0) / 2e-6, 1e-5);
        }
    }

    [Fact]
    public void The_marginal_likelihood_gradient_matches_finite_differences()
    {
        var objective = new MarginalLikelihood(X, Y, HyperparameterPrior.Default);
        double[] theta = [Math.Log(0.4), Math.Log(0.7), Math.Log(1.3), Math.Log(1e-3)];
        var gradient = new double[4];
        var scratch = new double[4];

        objective.Evaluate(theta, gradient);

        for (var m = 0; m < theta.Length; m++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[m] += 1e-6;
            down[m] -= 1e-6;
            var numeric = (objective.Evaluate(up, scratch) - objective.Evaluate(down, scratch)) / 2e-6;
            gradient[m].Should().BeApproximately(numeric, 1e-4 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void A_duplicated_point_needs_jitter_and_still_factors()
    {
        double[] x = [0.5, 0.5, 0.5, 0.5, 0.2, 0.2];
        var model = GaussianProcess.Condition(x, [1.0, 1.0, -1.0], new GpHyperparameters([0.3, 0.3], 1.0, 0.0));

        model.Jitter.Should().BeGreaterThan(0);
        model.Predict([0.5, 0.5], new double[model.WorkspaceLength]).Mean.Should().BeApproximately(1.0, 1e-3);
    }

    [Fact]
    public void The_fitted_length_scales_tell_a_relevant_input_from_an_irrelevant_one()
    {
        // y depends on the first coordinate only.
        var random = new Random(3);
        var n = 30;
        var x = new double[n * 2];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[2 * i] = random.NextDouble();
            x[(2 * i) + 1] = random.NextDouble();
            y[i] = Math.Sin(6 * x[2 * i]);
        }

        var mean = y.Average();
        var std = Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / n);
        var fitted = HyperparameterFitter.Fit(x, y.Select(v => (v - mean) / std).ToArray(), HyperparameterPrior.Default, 3, 60, new RandomStream(1, 1));

        fitted.LengthScales[1].Should().BeGreaterThan(3 * fitted.LengthScales[0]);
        fitted.NoiseVariance.Should().BeLessThan(1e-2);
    }

    [Fact]
    public void With_shared_length_scales_the_marginal_likelihood_gradient_matches_finite_differences()
    {
        // Coordinate 0 continuous, coordinates 1..3 the one-hot of a three-valued choice (one shared length scale).
        double[] x = [0.1, 1, 0, 0, 0.4, 0, 1, 0, 0.8, 0, 0, 1, 0.3, 1, 0, 0, 0.6, 0, 1, 0];
        double[] y = [-1.0, 0.4, 1.1, -0.6, 0.2];
        var groups = new LengthScaleGroups([0, 1, 1, 1], [0, LengthScaleGroups.OneHotLogOffset, LengthScaleGroups.OneHotLogOffset, LengthScaleGroups.OneHotLogOffset]);
        var objective = new MarginalLikelihood(x, y, HyperparameterPrior.Default, groups);
        double[] theta = [Math.Log(0.4), Math.Log(0.9), Math.Log(1.3), Math.Log(1e-3)];
        var gradient = new double[4];
        var scratch = new double[4];

        objective.Parameters.Should().Be(4);
        objective.Evaluate(theta, gradient);

        for (var m = 0; m < theta.Length; m++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[m] += 1e-6;
            down[m] -= 1e-6;
            var numeric = (objective.Evaluate(up, scratch) - objective.Evaluate(down, scratch)) / 2e-6;
            gradient[m].Should().BeApproximately(numeric, 1e-4 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void A_choice_is_one_length_scale_group_whose_distinct_values_are_one_length_scale_apart()
    {
        var space = BayesianSpace.Create(EquatableMap<HyperDrive.Fluent.SearchSpaces.Distribution>.Create(
        [
            new("lr", Distributions.Uniform(-4, 0)),
            new("kernel", Distributions.Choice("linear", "rbf", "poly", "sigmoid")),
            new("depth", Distributions.QUniform(1, 8, 1)),
        ]));

        space.Groups.Count.Should().Be(3);
        space.Groups.GroupOf.Should().Equal(0, 1, 1, 1, 1, 2);
        var fitted = HyperparameterFitter.Fit(new double[6 * 3], [0.0, 1.0, -1.0], HyperparameterPrior.Default, 1, 5, new RandomStream(1, 1), space.Groups);
        fitted.LengthScales.Should().HaveCount(6);
        fitted.LengthScales[1..5].Should().AllSatisfy(l => l.Should().BeApproximately(fitted.LengthScales[1], 1e-12));

        // Every other value of the choice is equally far from a trained one (an overlap kernel): same prediction at each.
        var model = GaussianProcess.Condition([0.5, 1, 0, 0, 0, 0.5], [1.0], fitted);
        var workspace = new double[model.WorkspaceLength];
        var atB = model.Predict([0.5, 0, 1, 0, 0, 0.5], workspace);
        var atC = model.Predict([0.5, 0, 0, 1, 0, 0.5], workspace);
        var atD = model.Predict([0.5, 0, 0, 0, 1, 0.5], workspace);
        atC.Mean.Should().BeApproximately(atB.Mean, 1e-12);
        atD.Variance.Should().BeApproximately(atB.Variance, 1e-12);
        atB.Mean.Should().BeApproximately(Matern52.Correlation(Math.Sqrt(2) / fitted.LengthScales[1]) * fitted.SignalVariance / (fitted.SignalVariance + fitted.NoiseVariance), 1e-6);
    }
}
