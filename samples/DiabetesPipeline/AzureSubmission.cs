using Azure;
using Azure.Core;
using Azure.Identity;
using HyperDrive.Fluent;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Validation;

namespace DiabetesPipeline;

/// <summary>
/// <c>--azure</c>: submits the pipeline to Azure ML instead of running it here. The workspace, compute and environment
/// come from HYPERDRIVE_WORKSPACE_ID, HYPERDRIVE_COMPUTE and HYPERDRIVE_ENVIRONMENT; the credential is the bearer token
/// in HYPERDRIVE_ACCESS_TOKEN when set, else DefaultAzureCredential. The code folder is uploaded by the engine.
/// </summary>
internal static class AzureSubmission
{
    private const string WorkspaceVariable = "HYPERDRIVE_WORKSPACE_ID";
    private const string ComputeVariable = "HYPERDRIVE_COMPUTE";
    private const string EnvironmentVariable = "HYPERDRIVE_ENVIRONMENT";
    private const string TokenVariable = "HYPERDRIVE_ACCESS_TOKEN";

    /// <summary>The step that reads the local engine's <c>metrics_output.json</c> by path; it has no counterpart on Azure ML.</summary>
    private const string LocalOnlyStep = "register";

    public static async Task<int> RunAsync(PipelineDefinition pipeline, string? endpoint, bool wait, CancellationToken cancellationToken)
    {
        var settings = new[] { WorkspaceVariable, ComputeVariable, EnvironmentVariable }
            .ToDictionary(name => name, name => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null);
        var missing = settings.Where(s => s.Value is null).Select(s => s.Key).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"--azure needs {string.Join(", ", missing)} (not set). Set:");
            Console.Error.WriteLine($"  {WorkspaceVariable,-24} the workspace ARM id (az ml workspace show -n W -g R --query id -o tsv)");
            Console.Error.WriteLine($"  {ComputeVariable,-24} a compute cluster in it, e.g. cpu-cluster");
            Console.Error.WriteLine($"  {EnvironmentVariable,-24} an environment with scikit-learn, e.g. azureml:AzureML-sklearn-1.5@latest");
            Console.Error.WriteLine($"and sign in (az login) or set {TokenVariable}.");
            return 2;
        }

        if (!WorkspaceId.TryParse(settings[WorkspaceVariable]!, out var workspace))
        {
            Console.Error.WriteLine($"{WorkspaceVariable} '{settings[WorkspaceVariable]}' is not a workspace ARM id: /subscriptions/S/resourceGroups/R/providers/Microsoft.MachineLearningServices/workspaces/W.");
            return 2;
        }

        var options = new HyperDriveClientOptions();
        if (endpoint is not null)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                Console.Error.WriteLine($"--endpoint '{endpoint}' must be an absolute https URL such as https://management.azure.com.");
                return 2;
            }

            options.ArmEndpoint = uri;
        }

        var job = ForAzure(pipeline, settings[ComputeVariable]!, settings[EnvironmentVariable]!);
        Console.WriteLine($"Submitting to {workspace} on {settings[ComputeVariable]} (steps: {string.Join(" -> ", job.GetExecutionOrder())}; " +
            $"'{LocalOnlyStep}' runs locally only: it reads the local engine's metrics_output.json).");
        var engine = new AzureMLSweepEngine(new HyperDriveClient(workspace, Credential(), options));
        try
        {
            var run = await engine.SubmitAsync(job, cancellationToken: cancellationToken);
            await using (run)
            {
                Console.WriteLine($"Job: {run.Id}");
                Console.WriteLine($"Studio: {run.StudioUri?.ToString() ?? "(the service returned no Studio URL)"}");
                if (!wait)
                {
                    return 0;
                }

                await foreach (var update in run.WatchAsync(cancellationToken))
                {
                    var where = update.StepName is { } step ? $"[{step}] " : string.Empty;
                    if (update.Kind is TrialUpdateKind.Finished or TrialUpdateKind.Started or TrialUpdateKind.Notice)
                    {
                        Console.WriteLine($"  {where}{update.TrialId} {update.Message ?? update.Kind.ToString().ToLowerInvariant()}");
                    }
                }

                var result = await run.WaitForCompletionAsync(cancellationToken);
                Console.WriteLine($"Pipeline {result.RunId}: {result.Status.ToString().ToLowerInvariant()}");
                if (result.Error is { } error)
                {
                    Console.Error.WriteLine(error);
                }

                return result.Status == SweepRunStatus.Completed ? 0 : 1;
            }
        }
        catch (HyperDriveValidationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            foreach (var problem in ex.Problems)
            {
                Console.Error.WriteLine($"  {problem}");
            }

            return 1;
        }
        catch (RequestFailedException ex)
        {
            Console.Error.WriteLine($"Azure ML refused the request ({ex.Status} {ex.ErrorCode}): {ex.Message}");
            return 1;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            Console.Error.WriteLine($"Azure ML could not be reached ({ex.InnerExceptions.Count} attempts): {ex.InnerExceptions[^1].Message}");
            return 1;
        }
        catch (AuthenticationFailedException ex)
        {
            Console.Error.WriteLine($"No credential: {ex.Message} Sign in with 'az login', or set {TokenVariable}.");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("Stopped waiting; the job keeps running on Azure ML (cancel it there, or with 'hyperdrive cancel').");
            return 130;
        }
    }

    /// <summary>The pipeline as Azure ML runs it: every step on the compute with the environment, without the local-only step.</summary>
    private static PipelineDefinition ForAzure(PipelineDefinition pipeline, string compute, string environment) => pipeline with
    {
        Settings = pipeline.Settings with { DefaultCompute = compute },
        Jobs = EquatableMap<JobDefinition>.Create(pipeline.Jobs
            .Where(j => j.Key != LocalOnlyStep)
            .Select(j => KeyValuePair.Create(j.Key, j.Value switch
            {
                SweepDefinition sweep => sweep with { Trial = sweep.Trial with { Environment = environment } },
                CommandJobDefinition command => (JobDefinition)(command with { Component = command.Component with { Environment = environment } }),
                var other => other,
            }))),
    };

    private static TokenCredential Credential() =>
        Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token
            ? DelegatedTokenCredential.Create((_, _) => new AccessToken(token.Trim(), DateTimeOffset.UtcNow.AddHours(1)))
            : new DefaultAzureCredential();
}
