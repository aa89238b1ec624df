namespace HyperDrive.Fluent.Cli.Tests;

/// <summary>Runs the tool in-process and captures its streams.</summary>
internal static class CliRunner
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        RunAsync(CliServices.Default, CancellationToken.None, args);

    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(CliServices services, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HyperDriveCli.RunAsync(args, output, error, services, cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Like <see cref="RunAsync(CliServices, CancellationToken, string[])"/>, but cancels (as Ctrl+C would) as soon as
    /// standard output receives a line containing <paramref name="cancelWhenOutputContains"/>.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAndCancelAsync(CliServices services, string cancelWhenOutputContains, params string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        using var output = new TriggerWriter(cancelWhenOutputContains, cancellation);
        using var error = new StringWriter();
        var exitCode = await HyperDriveCli.RunAsync(args, output, error, services, cancellation.Token);
        return (exitCode, output.ToString(), error.ToString());
    }

    private sealed class TriggerWriter(string trigger, CancellationTokenSource cancellation) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && value.Contains(trigger, StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
