using System.CommandLine;
using HyperDrive.Fluent.Cli.Azure;
using HyperDrive.Fluent.Cli.Commands;

namespace HyperDrive.Fluent.Cli;

/// <summary>The <c>hyperdrive</c> command line: parses, dispatches, and maps failures to exit codes.</summary>
internal static class HyperDriveCli
{
    /// <summary>Runs the tool in-process (the tests call this directly).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code: 0 success, 1 invalid input or failure, 2 usage error.</returns>
    public static Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, CliServices.Default, cancellationToken);

    /// <summary>Runs the tool in-process with <paramref name="services"/> instead of the real environment (tests pass a
    /// transport that trusts a fake service, an environment of their own, a clock that does not wait).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="services">The environment, credentials and Azure client settings.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code: 0 success, 1 invalid input or failure, 2 usage error, 130 canceled.</returns>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliServices services,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error) { Services = services };
        var root =
            new RootCommand(
            "hyperdrive: validate, convert and run Azure ML sweep and pipeline jobs described in YAML or REST JSON, " +
            "locally or on Azure ML. " + AzureConnectionOptions.CredentialsHelp)
        {
            ValidateCommand.Create(context),
            ConvertCommand.Create(context),
            RunCommand.Create(context),
            ReportCommand.Create(context),
            DashboardCommand.Create(context),
            ExportCommand.Create(context),
            SubmitCommand.Create(context),
            StatusCommand.Create(context),
            CancelCommand.Create(context),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'hyperdrive --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration =
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Canceled.").ConfigureAwait(false);
            return ExitCodes.Canceled;
        }
    }
}
