using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Tests.Engines;

public class TrialParametersTests
{
    private readonly TrialParameters _parameters = new(new Dictionary<string, object>
    {
        ["alpha"] = 0.5,
        ["depth"] = 4L,
        ["kernel"] = "rbf",
        ["shuffle"] = true,
    });

    [Fact]
    public void Typed_getters_convert_numbers_and_name_the_parameter_when_they_cannot()
    {
        _parameters.GetDouble("alpha").Should().Be(0.5);
        _parameters.GetDouble("depth").Should().Be(4.0);
        _parameters.GetInt32("depth").Should().Be(4);
        _parameters.GetString("alpha").Should().Be("0.5");
        _parameters.GetBoolean("shuffle").Should().BeTrue();

        var notInteger = () => _parameters.GetInt64("alpha");
        notInteger.Should().Throw<InvalidCastException>().WithMessage("The parameter 'alpha' is 0.5 (Double), which does not convert to Int64.");
        var missing = () => _parameters.GetDouble("beta");
        missing.Should().Throw<KeyNotFoundException>().WithMessage("The trial has no parameter 'beta' (parameters: alpha, depth, kernel, shuffle).");
    }

    [Fact]
    public void A_context_built_by_a_user_records_reports_with_counted_steps()
    {
        var context = new TrialContext("t_0", 0, _parameters, Path.GetTempPath());

        context.Report("loss", 0.5);
        context.Report("loss", 0.4);
        context.Report("acc", 0.9, step: 100);

        context.Reported.Select(r => (r.Name, r.Value, r.Step)).Should().Equal(("loss", 0.5, 0L), ("loss", 0.4, 1L), ("acc", 0.9, 100L));
    }
}
