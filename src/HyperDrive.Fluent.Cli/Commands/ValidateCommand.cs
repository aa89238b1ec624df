using System.CommandLine;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Cli.Commands;

/// <summary><c>hyperdrive validate FILE [--target azureml|portable]</c>: exit 0 when valid, 1 with every problem
/// listed.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var file =
            new Argument<string>("file")
            { Description = "An Azure ML sweep, command or pipeline job: CLI v2 YAML or REST JSON." };
        var target = new Option<ValidationTarget>("--target")
        {
            Description = "Where the job will run: AzureML (environment and compute required) or Portable.",
            DefaultValueFactory = _ => ValidationTarget.AzureML,
        };
        var command = new Command("validate", "Check a job file against Azure ML's rules and list every problem.")
            { file, target };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(context, parseResult.GetValue(file)!, parseResult.GetValue(target), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, ValidationTarget target,
        CancellationToken cancellationToken)
    {
        if (await DefinitionFile.TryReadAsync(context, path, jsonOptions: null, cancellationToken).ConfigureAwait(
            false) is not { } definition)
        {
            return ExitCodes.Failure;
        }

        var problems = definition switch
        {
            SweepDefinition sweep => sweep.Validate(target),
            PipelineDefinition pipeline => pipeline.Validate(target),
            CommandJobDefinition job => job.Validate(target),
            _ => [],
        };

        foreach (var problem in problems.OrderByDescending(p => p.Severity))
        {
            await context.Error.WriteLineAsync($"{path}: {CliAdvice.Problem(problem)}").ConfigureAwait(false);
        }

        var errors = problems.Count(p => p.IsError);
        var warnings = problems.Count - errors;
        if (errors > 0)
        {
            await context.Error.WriteLineAsync(
                $"{path}: invalid {definition.JobType} job: {errors} error(s), {warnings} warning(s).").ConfigureAwait(
                false);
            return ExitCodes.Failure;
        }

        await context.Out.WriteLineAsync($"{path}: valid {definition.JobType} job ({warnings} warning(s)).")
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
