using HyperDrive.Fluent.IO;
using System.CommandLine;
using HyperDrive.Fluent.Cli.Dashboard;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary>
/// <c>hyperdrive export RUN --format csv|json [-o FILE]</c>: the trial table of a local run (finished, or still
/// running: what its journal holds so far) as CSV or JSON, to stdout or FILE (written atomically); the dashboard's
/// export links serve the same bytes.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var run = new Argument<string>("run") { Description = "A local run's folder (the --out of 'hyperdrive run')." };
        var format = new Option<string>("--format") { Description = "csv or json.", Required = true };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--output", "-o")
            { Description = "Write to this file (atomically) instead of stdout." };
        var command =
            new Command(
            "export",
            "Export a local run's trial table (parameters, status, best/last value, duration, policy verdict) as CSV " +
            "or JSON.")
        {
            run, format, output,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, parseResult.GetValue(run)!, parseResult.GetValue(format)!, parseResult.GetValue(output),
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string run, string format, string? output,
        CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(run);
        if (!File.Exists(Path.Combine(folder, "sweep.json")) && !File.Exists(Path.Combine(folder, "pipeline.json"))
            && !File.Exists(Path.Combine(folder, "journal.jsonl")) && !Directory.Exists(Path.Combine(folder, "steps")))
        {
            await context.Error.WriteLineAsync(
                $"error: '{run}' is not a local run's folder (no sweep.json, pipeline.json or journal.jsonl); pass " +
                "the --out folder of 'hyperdrive run'.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        string text;
        try
        {
            var result = RunSnapshot.Read(folder).Result;
            text = format == "csv" ? TrialTable.ToCsv(result) : TrialTable.ToJson(result);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: {CliAdvice.Text(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (output is null)
        {
            await context.Out.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        try
        {
            await AtomicFile.WriteAllTextAsync(output, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: cannot write {Path.GetFullPath(output)}: {ex.Message}")
                .ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await context.Error.WriteLineAsync(
            $"exported the trials of {Path.GetFileName(folder)} to {Path.GetFullPath(output)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
