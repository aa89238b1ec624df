using HyperDrive.Fluent.IO;
using System.CommandLine;
using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary>
/// <c>hyperdrive convert FILE --to rest-json|yaml [--workspace ID] [--api-version V] [--omit-local-code] [-o OUT]</c>:
/// the payload to stdout (or OUT, written atomically), errors to stderr.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "An Azure ML job: CLI v2 YAML or REST JSON." };
        var to = new Option<string>("--to")
        {
            Description = "The format to write: rest-json (the ARM body for PUT .../jobs/{name}) or yaml (CLI v2).",
            Required = true,
        };
        to.AcceptOnlyFromAmong("rest-json", "yaml");
        var workspace = new Option<string?>("--workspace")
        {
            Description =
                "Workspace ARM id " +
                "(/subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W); " +
                "expands compute names to ARM ids.",
        };
        var apiVersion = new Option<string?>("--api-version")
            { Description = $"The REST api-version the body is for (default {AzureMLJsonOptions.DefaultApiVersion})." };
        var omitLocalCode = new Option<bool>("--omit-local-code")
        {
            Description =
                "Leave out a trial's local code folder (REST needs an uploaded code asset id; 'submit' uploads it) " +
                "instead of failing.",
        };
        var output = new Option<string?>("--output", "-o")
            { Description = "Write to this file (atomically) instead of stdout." };

        var command = new Command("convert", "Convert a job between Azure ML CLI v2 YAML and the REST JSON body.")
        {
            file, to, workspace, apiVersion, omitLocalCode, output,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult.GetValue(file)!,
            parseResult.GetValue(to)!,
            new AzureMLJsonOptions
            {
                WorkspaceId = parseResult.GetValue(workspace),
                ApiVersion = parseResult.GetValue(apiVersion) ?? AzureMLJsonOptions.DefaultApiVersion,
                LocalCode = parseResult.GetValue(omitLocalCode) ? LocalCodeHandling.Omit : LocalCodeHandling.Reject,
            },
            parseResult.GetValue(output),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, string to, AzureMLJsonOptions options,
        string? outputPath, CancellationToken cancellationToken)
    {
        string payload;
        try
        {
            var (definition, notices) =
                await DefinitionFile.ReadWithNoticesAsync(path, options, cancellationToken).ConfigureAwait(false);

            // What the REST body held that the definition does not carry: said, never dropped silently.
            foreach (var notice in notices)
            {
                await context.Error.WriteLineAsync(
                    $"warning: {path}: {notice.Path}: {CliAdvice.Text(notice.Message)} {CliAdvice.Text(notice.Fix)}")
                    .ConfigureAwait(false);
            }

            if (options.LocalCode == LocalCodeHandling.Omit && to == "rest-json")
            {
                foreach (var code in LocalCodeFolders(definition))
                {
                    await context.Error.WriteLineAsync(
                        $"warning: {code.Path}: the local code folder '{code.Folder}' is left out of the REST body; " +
                        "upload it as a code asset (hyperdrive submit does).").ConfigureAwait(false);
                }

                foreach (var environment in InlineEnvironments(definition))
                {
                    await context.Error.WriteLineAsync(
                        $"warning: {environment}: the inline environment is left out of the REST body (REST carries " +
                        "only an environment id); hyperdrive submit creates it as an anonymous environment version " +
                        "first and sends its id.").ConfigureAwait(false);
                }
            }

            if (to == "yaml")
            {
                payload = AzureMLYaml.Write(definition, out var omissions);
                foreach (var omission in omissions)
                {
                    await context.Error.WriteLineAsync(
                        $"warning: {omission.Path}: {CliAdvice.Text(omission.Message)} {CliAdvice.Text(omission.Fix)}")
                        .ConfigureAwait(false);
                }
            }
            else
            {
                payload = AzureMLJson.Write(definition, options);
            }
        }
        catch (Exception ex) when (
            ex is AzureMLFormatException or FileNotFoundException or IOException or InvalidOperationException
                or ArgumentException)
        {
            await context.Error.WriteLineAsync($"error: {CliAdvice.Text(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (outputPath is null)
        {
            await context.Out.WriteAsync(payload.EndsWith('\n') ? payload : payload + Environment.NewLine)
                .ConfigureAwait(false);
        }
        else
        {
            await AtomicFile.WriteAllTextAsync(outputPath, payload, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"wrote {outputPath}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static IEnumerable<string> InlineEnvironments(JobDefinition definition) => definition switch
    {
        SweepDefinition { Trial.InlineEnvironment: not null } => ["trial.environment"],
        CommandJobDefinition { Component.InlineEnvironment: not null } => ["environment"],
        PipelineDefinition pipeline =>
            pipeline.Jobs.SelectMany(step => InlineEnvironments(step.Value).Select(path => $"jobs.{step.Key}.{path}")),
        _ => [],
    };

    private static IEnumerable<(string Path, string Folder)> LocalCodeFolders(JobDefinition definition)
    {
        static bool IsLocal(string? code) =>
            code is not null && !code.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase)
                && !code.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);

        switch (definition)
        {
            case SweepDefinition sweep when IsLocal(sweep.Trial.Code):
                yield return ("trial.code", sweep.Trial.Code!);
                break;
            case CommandJobDefinition job when IsLocal(job.Component.Code):
                yield return ("code", job.Component.Code!);
                break;
            case PipelineDefinition pipeline:
                foreach (var (name, step) in pipeline.Jobs)
                {
                    foreach (var (path, folder) in LocalCodeFolders(step))
                    {
                        yield return ($"jobs.{name}.{path}", folder);
                    }
                }

                break;
        }
    }
}
