using System.CommandLine;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Reporting;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary>
/// <c>hyperdrive report DIR [-o FILE]</c>: renders the HTML report of a local run's results folder (default
/// <c>DIR/report.html</c>, written atomically); exit 1 naming the missing file when DIR is not a finished run's folder.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("dir")
        {
            Description =
                "The folder of a finished local run (sweep.json, or pipeline.json and steps/), e.g. the --out of " +
                "'hyperdrive run'.",
        };
        var output =
            new Option<string?>("--out", "-o")
            { Description = "The HTML file to write (default: DIR/report.html); an existing file is replaced." };
        var command =
            new Command(
            "report",
            "Render the HTML report (trials, metric curves, parallel coordinates, policy decisions) of a local run's " +
            "results.")
        {
            folder, output,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, parseResult.GetValue(folder)!, parseResult.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, string folder, string? output, CancellationToken cancellationToken)
    {
        SweepResult result;
        try
        {
            result = LocalRunResults.Read(folder);
        }
        catch (FileNotFoundException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message} Looked for {ex.FileName}.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: {CliAdvice.Text(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var path = Path.GetFullPath(output ?? Path.Combine(result.OutputDirectory!, "report.html"));
        try
        {
            // The dashboard's context (log axes from sweep.json, the pipeline's step graph): the report draws what the
            // dashboard draws.
            cancellationToken.ThrowIfCancellationRequested();
            SweepReport.WriteHtml(
                result, path, options: null, Dashboard.RunSnapshot.Read(result.OutputDirectory!).Context);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: cannot write {path}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var kind = result.Steps.Count > 0 ? "pipeline" : "sweep";
        await context.Out.WriteLineAsync(
            $"{kind} {result.RunId} {Formatting.Status(result.Status)}: " +
            $"{result.Trials.Count + result.Steps.Values.Sum(s => s.Trials.Count)} trial(s); report: {path}")
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
