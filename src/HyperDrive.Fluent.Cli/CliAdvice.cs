using System.Text.RegularExpressions;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Cli;

/// <summary>
/// Turns the library's advice into the tool's: an exception or validation fix that names a C# API
/// (<c>AzureMLJsonOptions.LocalCode</c>, <c>ResumeAsync</c>, <c>.Environment(...)</c>) is printed naming the
/// <c>hyperdrive</c> flag or the YAML key instead. The library keeps its C# advice (its callers write C#); every
/// message the tool prints from the library goes through <see cref="Text"/> or <see cref="Problem"/>.
/// </summary>
internal static partial class CliAdvice
{
    private static readonly (Regex Pattern, string Replacement)[] Rules =
    [
        // ArmIds.ResolveCode (convert --to rest-json of a file with a local code folder).
        (new Regex(
            @"Upload it first \(the Azure engine does\) and pass the id in " +
            @"AzureMLJsonOptions\.CodeIds\[""[^""]*""\], give the trial a code asset id \(azureml:name:version or an " +
            @"ARM id\), or set AzureMLJsonOptions\.LocalCode = LocalCodeHandling\.Omit to write the body without it\.",
            RegexOptions.CultureInvariant),
            "Submit the file with 'hyperdrive submit' (it uploads the folder), set code to a code asset id " +
                "(azureml:name:version or an ARM id), or run it again with --omit-local-code to write the body " +
                "without it."),

        // ArmIds.ResolveEnvironment (convert --to rest-json of a file with an inline environment).
        (Literal(
            "Submit with the Azure engine (AzureMLSweepEngine, hyperdrive submit), which creates the anonymous " +
            "environment version first and sends its id as azure-ai-ml does; or register the environment and refer " +
            "to it (azureml:name:version); or set AzureMLJsonOptions.LocalCode = LocalCodeHandling.Omit to write the " +
            "body without it."),
            "Submit the file with 'hyperdrive submit' (it creates the anonymous environment version first and sends " +
                "its id, as az ml does), refer to a registered environment (environment: azureml:name:version), or " +
                "run it again with --omit-local-code to write the body without it."),

        // LogBaseJson.Write (a random sweep with logbase, for a GA api-version).
        (Literal(" (AzureMLJsonOptions.ApiVersion, or HyperDriveClientOptions.ServiceVersion.V2024_01_01_Preview)"),
            ": run it again with --api-version 2024-01-01-preview"),
        (Literal("or remove the log base (RandomSampling.LogBase = null: base e)."),
            "or remove sampling_algorithm.logbase (base e)."),

        // YamlComponent (a trial/component file that does not exist): the tool has no keep-unresolved flag.
        (Literal(
            ", add the file, or read with AzureMLYamlReadOptions.MissingComponentFile = KeepReference to keep the " +
            "reference unresolved."), ", or add the file."),

        // LocalSweepEngine.StartAsync on a folder that holds a run; SweepPlanner on a changed definition.
        (Literal("Resume it with ResumeAsync, or choose another run name or output directory."),
            "Run it again with --resume to continue it, or choose another --out."),
        (Literal("SweepRunOptions.AcceptCompatibleChanges"), "--force"),

        // TrialPreflight (no Python on PATH), CodeSnapshot (missing code folder), ServiceRetryPolicy (retries spent).
        (Literal(
            "--python PATH or HYPERDRIVE_PYTHON for the hyperdrive tool, LocalSweepEngineOptions.PythonExecutable in " +
            "code."), "--python PATH, or the HYPERDRIVE_PYTHON environment variable."),
        (Literal("(relative paths are resolved against SweepRunOptions.BaseDirectory)"),
            "(a relative path is relative to the job file's folder)"),
        (Literal(
            " Retry settings can be adjusted in ClientOptions.Retry or by configuring a custom retry policy in " +
            "ClientOptions.RetryPolicy."), string.Empty),

        // Validation fixes (SweepValidator, CommandValidator, PipelineValidator, LogBoundsRule): the YAML key to
        // change.
        (new Regex(
            @"Set one, e\.g\. \.Environment\(""(?<env>[^""]*)""\) or \.Environment\(image: ""(?<image>[^""]*)"", " +
            @"condaFile: ""(?<conda>[^""]*)""\)\.", RegexOptions.CultureInvariant),
            "Set it, e.g. environment: ${env}, or define it inline: environment: {image: ${image}, conda_file: " +
                "${conda}}."),
        (new Regex(@"Set one, e\.g\. \.Environment\(""(?<env>[^""]*)""\)\.", RegexOptions.CultureInvariant),
            "Set it, e.g. environment: ${env}"),
        (Literal("Keep one: the reference (Environment) or the definition (InlineEnvironment)."),
            "Keep one: environment as a reference (azureml:name:version) or as a mapping (image, conda_file)."),
        // $$ is a literal $ in a replacement
        (Literal(
            "Give the command to run, e.g. Sweep.For(\"train.py\") or \"python train.py --alpha " +
            "${{search_space.alpha}}\"."),
            "Give the command to run, e.g. command: python train.py --alpha $${{search_space.alpha}}"),
        (new Regex(@"Add \.Sample\(""(?<name>[^""]*)"", \.\.\.\) or fix the name", RegexOptions.CultureInvariant),
            "Add '${name}' under search_space or fix the name"),
        (Literal("Add at least one parameter, e.g. .Sample(\"--alpha\", Uniform(0.05, 1.0))."),
            "Add at least one parameter under search_space, e.g. alpha: {type: uniform, min_value: 0.05, max_value: " +
            "1.0}."),
        (Literal("Add a step with .Step(...) or .Sweep(...)."), "Add a step under jobs."),
        (Literal("Replace it with Choice(...) of the values to try"), "Make it type: choice with the values to try"),
        (Literal("(e.g. Uniform over the exponent instead of loguniform)"),
            "(e.g. uniform over the exponent instead of loguniform)"),
        (Literal("Call .Maximize(\"metric\") or .Minimize(\"metric\") with the name the trial reports."),
            "Set objective.primary_metric to the name of the metric the trial logs (and objective.goal: maximize or " +
            "minimize)."),
        (Literal("Set slack_factor (e.g. .Bandit(2, 0.1)) or slack_amount (.BanditAmount(2, 0.05))."),
            "Set slack_factor (e.g. slack_factor: 0.1) or slack_amount (e.g. slack_amount: 0.05)."),
        (new Regex(@" in YAML, or Distributions\.[A-Za-z]+\([^)]*\) in C#\.", RegexOptions.CultureInvariant), "."),
    ];

    /// <summary>The message with its C# advice replaced by the tool's.</summary>
    /// <param name="message">A message of the library.</param>
    /// <returns>The message as the tool prints it.</returns>
    public static string Text(string message)
    {
        foreach (var (pattern, replacement) in Rules)
        {
            message = pattern.Replace(message, replacement);
        }

        return message;
    }

    /// <summary>The problem with its message and fix in the tool's terms.</summary>
    /// <param name="problem">A validation problem of the library.</param>
    /// <returns>The problem as the tool prints it.</returns>
    public static ValidationProblem Problem(ValidationProblem problem) =>
        problem with { Message = Text(problem.Message), Fix = Text(problem.Fix) };

    private static Regex Literal(string text) => new(Regex.Escape(text), RegexOptions.CultureInvariant);
}
