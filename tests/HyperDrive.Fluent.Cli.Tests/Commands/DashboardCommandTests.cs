namespace HyperDrive.Fluent.Cli.Tests.Commands;

/// <summary><c>hyperdrive dashboard</c> on the command line: where it listens, what it warns about, what it refuses.</summary>
public sealed class DashboardCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hyperdrive-dashboard-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task It_prints_its_loopback_url_and_stops_on_ctrl_c()
    {
        var (exitCode, output, error) = await CliRunner.RunAndCancelAsync(CliServices.Default, "Dashboard of", "dashboard", _root, "--port", "0");

        exitCode.Should().Be(130, "Ctrl+C is how it stops");
        output.Should().MatchRegex(@"Dashboard of .+: http://127\.0\.0\.1:\d+/ \(read-only; Ctrl\+C stops it\)");
        error.Should().NotContain("warning", "127.0.0.1 is the default and needs no warning");
    }

    [Fact]
    public async Task The_root_defaults_to_the_runs_folder_that_hyperdrive_run_writes()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("dashboard", "--help");

        exitCode.Should().Be(0);
        output.Should().Contain($"[default: {Path.Combine(".hyperdrive", "runs")}]").And.Contain("--open").And.Contain("BROWSER");
    }

    [Fact]
    public async Task A_host_other_machines_can_reach_must_be_asked_for_and_warns()
    {
        // 192.0.2.1 (TEST-NET-1) is not this machine's, so nothing is exposed: the warning comes first, then the bind fails.
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", _root, "--host", "192.0.2.1", "--port", "0");

        error.Should().Contain("warning: --host 192.0.2.1 makes the dashboard reachable from other machines; it has no sign-in");
        error.Should().Contain("error: cannot listen on 192.0.2.1:0").And.Contain("pass another --port");
        exitCode.Should().Be(1);
    }

    [Theory]
    [InlineData("--host", "example.com", "--host 'example.com' is not an IP address")]
    [InlineData("--port", "70000", "--port 70000 is not a port")]
    [InlineData("--workspace", "ws", "--workspace 'ws' is not an Azure ML workspace ARM id")]
    public async Task Bad_options_are_usage_errors_that_say_what_to_pass(string option, string value, string message)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("dashboard", _root, option, value);

        exitCode.Should().Be(2);
        error.Should().Contain(message);
    }
}
