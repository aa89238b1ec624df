using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Engines.Policies;
using HyperDrive.Fluent.Local.Sampling;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Checks that a sweep can run on this machine and prepares its execution (sampler with its seed, policy,
/// command plan).</summary>
internal static class SweepPlanner
{
    public static SweepExecutionSetup? Prepare(
        SweepDefinition definition,
        string folder,
        string runId,
        SweepEnvironment env,
        JournalReplay? replay,
        string? stepName,
        string jobPrefix,
        List<ValidationProblem> problems,
        ISampler? sampler = null)
    {
        var before = problems.Count;
        void Problem(string path, string message, string fix) =>
            problems.Add(new ValidationProblem(ValidationSeverity.Error, jobPrefix + path, message, fix));

        TrialCommandPlan? plan = null;
        if (definition.InProcessTrial is null)
        {
            plan = TrialCommandPlan.Create(definition.Trial, definition.Inputs, definition.Outputs, env.BaseDirectory,
                jobPrefix + "trial.", jobPrefix, problems, env.Options.PythonExecutable);
        }

        var seed = replay?.Seed
            ?? (definition.SamplingAlgorithm as RandomSampling)?.Seed
            ?? env.Options.DefaultSeed
            ?? SamplerFactory.ResolveSeed(definition);
        if (sampler is null)
        {
            try
            {
                sampler = SamplerFactory.Create(definition, seed);
            }
            catch (NotSupportedException ex)
            {
                Problem("sampling_algorithm", ex.Message, "Use random, Sobol or grid sampling for local runs.");
            }
        }

        // The ledger applies the policy; it is built here once only to report a policy the engine cannot apply.
        try
        {
            _ = TerminationPolicyFactory.Create(definition.EarlyTermination);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            Problem("early_termination", ex.Message, "Fix the early termination policy, or remove it.");
        }

        var fingerprint = SweepFingerprint.Of(definition);
        if (replay is not null)
        {
            CheckResume(definition, folder, env, replay, fingerprint, Problem);
        }

        if (definition.Trial.InlineEnvironment is { } inline)
        {
            // Once per run (the key), whichever step defines it: the image is not run and the conda file is not
            // installed here.
            var what = inline.Image is { } image ? $"image {image}" : inline.Build is { } build
                ? $"build context {build.Path}" : "environment";
            env.Notice(
                "inline-environment",
                "The trials run with this machine's Python; the environment's image/conda file are not applied " +
                $"locally ({what}" +
                (inline.CondaFile is null ? string.Empty : ", conda file " + (inline.CondaFile.Path ?? "inline")) +
                ").");
        }

        if (definition.Trial.AdditionalIncludes.Count > 0)
        {
            env.Notice(
                "additional-includes",
                $"additional_includes ({string.Join(", ", definition.Trial.AdditionalIncludes)}) are not copied next " +
                "to the code locally; the trials run in the code folder as it is.");
        }

        if (definition.Trial.Environment is not null || definition.Compute is not null
            || definition.Trial.Resources is not null || definition.Trial.Distribution is not null)
        {
            env.Notice(
                "azure-settings",
                "The environment, compute, resources and distribution settings apply on Azure ML only; the local " +
                "engine runs trials on this machine with the tools on PATH.");
        }

        if (problems.Count > before || sampler is null)
        {
            return null;
        }

        return new SweepExecutionSetup(definition, folder, replay?.RunId ?? runId, env, sampler, plan, replay,
            seed, fingerprint, stepName);
    }

    private static void CheckResume(SweepDefinition definition, string folder, SweepEnvironment env,
        JournalReplay replay, string fingerprint, Action<string, string, string> problem)
    {
        var changes = SweepFingerprint.Compare(replay.Fingerprint, fingerprint, LegacyFingerprint(definition));
        if (changes.Count == 0)
        {
            return;
        }

        var described = string.Join("; ", changes.Select(c => $"{c.Path} was {c.Was}, now {c.Now}"));
        if (changes.Any(c => !c.Compatible))
        {
            problem("(resume)", $"The run folder '{folder}' holds a different sweep: {described}.",
                "Resume with the definition the run was started with (its finished trials belong to it), or start a " +
                    "new run.");
        }
        else if (!env.AcceptCompatibleChanges)
        {
            problem("(resume)", $"The definition changed since the run started: {described}.",
                $"These changes keep the finished trials valid; accept them with {AcceptOption}, or resume with the " +
                    "definition the run was started with.");
        }
        else
        {
            env.Notice(
                "resume-changes", $"Resuming with a changed definition ({described}); the finished trials are kept.");
        }
    }

    /// <summary>How a caller accepts compatible changes on resume, as the library names it (the CLI says
    /// <c>--force</c>).</summary>
    public const string AcceptOption = $"{nameof(SweepRunOptions)}.{nameof(SweepRunOptions.AcceptCompatibleChanges)}";

    /// <summary>The short description that journals written before full fingerprints recorded.</summary>
    private static string LegacyFingerprint(SweepDefinition definition) =>
        string.Join(
            " | ",
            definition.InProcessTrial is null ? definition.Trial.Command : "in-process",
            string.Join(", ", definition.SearchSpace.Select(p => $"{p.Key}:{p.Value.TypeName}")),
            $"{definition.Objective.Goal.ToString().ToLowerInvariant()} {definition.Objective.PrimaryMetric}",
            definition.SamplingAlgorithm.Name
                + (definition.SamplingAlgorithm is RandomSampling { Rule: RandomSamplingRule.Sobol } ? "/sobol"
                : string.Empty));

    /// <summary>A pipeline command step as a one-trial sweep.</summary>
    public static SweepDefinition AsSweep(CommandJobDefinition job, EquatableMap<JobInput> inputs) => new()
    {
        Name = job.Name,
        Compute = job.Compute,
        Trial = job.Component,
        Inputs = inputs,
        Outputs = job.Outputs,
        Objective = new Objective(ObjectiveGoal.Maximize, string.Empty),
        Limits = new SweepLimits { MaxTotalTrials = 1, MaxConcurrentTrials = 1 },
    };
}
