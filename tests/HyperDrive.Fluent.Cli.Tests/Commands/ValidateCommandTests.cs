namespace HyperDrive.Fluent.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public async Task A_valid_file_exits_0()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("validate", CliRunner.TestData("seed-sweep.yml"));

        exitCode.Should().Be(0, error);
        output.Should().Contain("valid sweep job (0 warning(s))");
    }

    [Fact]
    public async Task An_invalid_file_exits_1_listing_every_problem()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("validate", CliRunner.TestData("invalid-sweep.yml"));

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Contain("error search_space.alpha: Grid sampling needs every parameter to be a choice")
            .And.Contain("error trial.command: ${{search_space.beta}} names no search-space parameter.")
            .And.Contain("warning limits.max_concurrent_trials: max_concurrent_trials (8) is greater than max_total_trials (4)")
            .And.Contain("invalid sweep job: 2 error(s), 1 warning(s)");
    }

    [Fact]
    public async Task An_unknown_key_exits_1_naming_file_line_and_key()
    {
        var path = CliRunner.TestData("unknown-key.yml");
        var (exitCode, _, error) = await CliRunner.RunAsync("validate", path);

        exitCode.Should().Be(1);
        error.Should().Contain(path).And.Contain("(16,3)").And.Contain("limits.max_trials").And.Contain("max_total_trials");
    }

    [Fact]
    public async Task Every_reader_problem_of_a_file_is_listed_on_its_own_line()
    {
        var path = CliRunner.TestData("several-problems.yml");
        var (exitCode, _, error) = await CliRunner.RunAsync("validate", path);

        exitCode.Should().Be(1);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Equal(
            $"error: {path}(5,3): trial.enviroment: unknown key 'enviroment'; did you mean environment? Valid keys here: $schema, type, name, version, display_name, description, tags, is_deterministic, properties, inputs, outputs, code, environment, command, environment_variables, distribution, resources, additional_includes.",
            $"error: {path}(16,21): limits.max_total_trials: expected an integer, got 'four'.",
            $"error: {path}(17,3): limits.max_trials: unknown key 'max_trials'; did you mean max_total_trials? Valid keys here: max_total_trials, max_concurrent_trials, timeout, trial_timeout.");
    }

    [Fact]
    public async Task A_missing_file_exits_1()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("validate", "no-such-file.yml");

        exitCode.Should().Be(1);
        error.Should().Contain("no-such-file.yml: no such file.");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "a.yml", "--bogus")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(args);

        exitCode.Should().Be(2);
        error.Should().Contain("hyperdrive --help");
    }
}
