using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Validation;

/// <summary>The rules of a sweep (standalone or a pipeline step).</summary>
internal static class SweepValidator
{
    public const int MaxTrials = 1000;

    public static IReadOnlyList<ValidationProblem> Validate(
        SweepDefinition sweep, string pathPrefix, ValidationTarget target =
        ValidationTarget.Portable, bool insidePipeline = false)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var problems = new ProblemCollector(pathPrefix);
        if (!insidePipeline)
        {
            JobValidator.ValidateCommon(sweep, problems);
        }

        ValidateSearchSpace(sweep, problems);
        ValidateLogBase(sweep.SamplingAlgorithm, problems);
        ValidateObjective(sweep.Objective, problems);
        ValidatePolicy(sweep, problems);
        ValidateLimits(sweep.Limits, problems, target);
        ValidateTrial(sweep, problems, target);
        ValidateRegistration(sweep, problems);
        return problems.Problems;
    }

    /// <summary>The best trial's model registration: a model name as the REST contract names assets (the same rule as a
    /// pipeline's registration; locally the name is also a folder under <c>models/</c>). Its output is not checked: on
    /// Azure ML it is a path in the trial's artifacts (a trial writing to <c>./outputs</c> declares no
    /// output).</summary>
    private static void ValidateRegistration(SweepDefinition sweep, ProblemCollector problems)
    {
        if (sweep.RegisterBestModel is not { } registration)
        {
            return;
        }

        if (!AzureNames.IsValidJobName(registration.ModelName))
        {
            problems.Error("register_best_model.model_name", $"'{registration.ModelName}' is not a valid model name.",
                "Start with a letter or digit and use only letters, digits, '-' and '_'.");
        }
    }

    private static void ValidateSearchSpace(SweepDefinition sweep, ProblemCollector problems)
    {
        if (sweep.SearchSpace.Count == 0)
        {
            problems.Error(
                "search_space", "The search space is empty.",
                "Add at least one parameter, e.g. .Sample(\"--alpha\", Uniform(0.05, 1.0)).");
            return;
        }

        foreach (var (name, distribution) in sweep.SearchSpace)
        {
            var path = "search_space." + name;
            if (!AzureNames.IsValidParameterName(name))
            {
                problems.Error(
                    path, $"'{name}' is not a valid parameter name.",
                    "Use letters, digits and underscores, starting with a letter or underscore (the script flag " +
                    "'--name' maps to the key 'name').");
            }

            LogBoundsRule.Check(path, name, distribution, problems, (sweep.SamplingAlgorithm as RandomSampling)?.LogBase
                ?? Math.E);
            switch (sweep.SamplingAlgorithm)
            {
                case GridSampling when distribution is not ChoiceDistribution:
                    problems.Error(
                        path, $"Grid sampling needs every parameter to be a choice, but '{name}' is " +
                        $"{distribution.TypeName}.",
                        $"Replace it with Choice(...) of the values to try, or use random sampling.");
                    break;
                case GridSampling when distribution is ChoiceDistribution { HasNestedDistributions: true }:
                    problems.Error(
                        path, $"Grid sampling cannot enumerate the nested distributions inside the choice '{name}'.",
                        "Use only literal values in the choice, or use random sampling.");
                    break;
                case BayesianSampling when distribution.Kind is not (
                    DistributionKind.Choice or DistributionKind.Uniform or DistributionKind.QUniform):
                    problems.Error(
                        path, $"Bayesian sampling supports only choice, uniform and quniform, but '{name}' is " +
                        $"{distribution.TypeName}.",
                        "Use choice, uniform or quniform (e.g. Uniform over the exponent instead of loguniform), or " +
                        "use random sampling.");
                    break;
                case BayesianSampling when distribution is ChoiceDistribution { HasNestedDistributions: true }:
                    problems.Error(
                        path, $"Bayesian sampling does not support nested distributions inside the choice '{name}'.",
                        "Flatten the conditional space, or use random sampling.");
                    break;
            }
        }

        if (sweep.SamplingAlgorithm is BayesianSampling && sweep.Limits.MaxTotalTrials is { } total
            && total < 20 * sweep.SearchSpace.Count)
        {
            problems.Warning(
                "limits.max_total_trials",
                $"Bayesian sampling works best with at least 20 trials per parameter ({20 * sweep.SearchSpace.Count} " +
                $"here), but max_total_trials is {total}.",
                $"Raise max_total_trials to {Math.Min(MaxTrials, 20 * sweep.SearchSpace.Count)} or more.");
        }
    }

    /// <summary>A log base must be a positive number other than 1 (azure-ai-ml <c>RandomSamplingAlgorithm.logbase</c>:
    /// "a positive number or the number e"); with 1 or less no log-scale value can be drawn, so the sweep cannot
    /// run.</summary>
    private static void ValidateLogBase(SamplingAlgorithm algorithm, ProblemCollector problems)
    {
        if (algorithm is RandomSampling { LogBase: { } logBase }
            && (!double.IsFinite(logBase) || logBase <= 0 || logBase == 1))
        {
            problems.Error(
                "sampling_algorithm.logbase",
                $"logbase is {logBase.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, which " +
                "cannot be the base of a logarithm.",
                "Use a positive number other than 1 (e.g. 10 or 2), or e; leave it out for base e.");
        }
    }

    private static void ValidateObjective(Objective objective, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(objective.PrimaryMetric))
        {
            problems.Error("objective.primary_metric", "No primary metric is set.",
                "Call .Maximize(\"metric\") or .Minimize(\"metric\") with the name the trial reports.");
        }
        else if (!AzureNames.IsValidMetricName(objective.PrimaryMetric))
        {
            problems.Error("objective.primary_metric", $"'{objective.PrimaryMetric}' is not a valid metric name.",
                "Use letters, digits and underscores, without spaces.");
        }

        if (!Enum.IsDefined(objective.Goal))
        {
            problems.Error("objective.goal", $"'{objective.Goal}' is not a goal.", "Use maximize or minimize.");
        }
    }

    private static void ValidatePolicy(SweepDefinition sweep, ProblemCollector problems)
    {
        switch (sweep.EarlyTermination)
        {
            case null:
                return;
            case BanditPolicy { SlackFactor: null, SlackAmount: null }:
                problems.Error(
                    "early_termination.slack_factor",
                    "A bandit policy needs a slack: neither slack_factor nor slack_amount is set.",
                    "Set slack_factor (e.g. .Bandit(2, 0.1)) or slack_amount (.BanditAmount(2, 0.05)).");
                break;
            case BanditPolicy { SlackFactor: not null, SlackAmount: not null }:
                problems.Warning(
                    "early_termination",
                    "Both slack_factor and slack_amount are set; Azure documents them as alternatives.",
                    "Keep only one of slack_factor and slack_amount.");
                break;
            case TruncationSelectionPolicy { TruncationPercentage: < 1 or > 99 } truncation:
                problems.Error(
                    "early_termination.truncation_percentage",
                    $"truncation_percentage is {truncation.TruncationPercentage}, outside 1..99.",
                    "Use an integer percentage from 1 to 99.");
                break;
        }

        if (sweep.SamplingAlgorithm is BayesianSampling)
        {
            problems.Error(
                "early_termination",
                $"Bayesian sampling does not support early termination, but a {sweep.EarlyTermination.Name} policy " +
                "is set.", "Remove the early termination policy, or use random or grid sampling.");
        }
    }

    private static void ValidateLimits(SweepLimits limits, ProblemCollector problems, ValidationTarget target)
    {
        // Azure ML caps both limits at 1000; the local engine can run more, so above 1000 is an error only for Azure.
        if (limits.MaxTotalTrials is { } total)
        {
            if (total < 1)
            {
                problems.Error("limits.max_total_trials", $"max_total_trials is {total}, outside 1..{MaxTrials}.",
                    $"Use a number of trials from 1 to {MaxTrials}.");
            }
            else if (total > MaxTrials)
            {
                problems.Requirement(
                    target, "limits.max_total_trials",
                    $"max_total_trials is {total}, more than Azure ML's {MaxTrials}.",
                    $"Use at most {MaxTrials} trials to run on Azure ML.");
            }
        }

        if (limits.MaxConcurrentTrials is { } concurrent)
        {
            if (concurrent < 1)
            {
                problems.Error(
                    "limits.max_concurrent_trials", $"max_concurrent_trials is {concurrent}, outside 1..{MaxTrials}.",
                    $"Use a number from 1 to {MaxTrials}.");
            }
            else if (limits.MaxTotalTrials is { } t && t >= 1 && concurrent > t)
            {
                // A warning, not an error: Azure ML accepts it and runs the sweep (recorded PUTs with 10 > 2 and 10 > 1
                // answered 201 Created and ran: put_sweep_job__test_sweep_job...submit_minimal__2 and ...submit__2).
                problems.Warning(
                    "limits.max_concurrent_trials",
                    $"max_concurrent_trials ({concurrent}) is greater than max_total_trials ({t}); at most {t} " +
                    "trials ever run at once.",
                    $"Lower max_concurrent_trials to at most {t}, or raise max_total_trials.");
            }
            else if (concurrent > MaxTrials)
            {
                problems.Requirement(
                    target, "limits.max_concurrent_trials",
                    $"max_concurrent_trials is {concurrent}, more than Azure ML's {MaxTrials}.",
                    $"Use at most {MaxTrials} to run on Azure ML.");
            }
        }

        if (limits.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            problems.Error("limits.timeout", $"timeout is {timeout}, which is not positive.",
                "Use a positive duration, or none.");
        }

        if (limits.TrialTimeout is { } trialTimeout)
        {
            if (trialTimeout <= TimeSpan.Zero)
            {
                problems.Error("limits.trial_timeout", $"trial_timeout is {trialTimeout}, which is not positive.",
                    "Use a positive duration, or none.");
            }
            else if (limits.Timeout is { } sweepTimeout && sweepTimeout > TimeSpan.Zero && trialTimeout > sweepTimeout)
            {
                problems.Warning(
                    "limits.trial_timeout",
                    $"trial_timeout ({trialTimeout}) is longer than the sweep's timeout ({sweepTimeout}).",
                    "Shorten trial_timeout or lengthen timeout.");
            }
        }
    }

    private static void ValidateTrial(SweepDefinition sweep, ProblemCollector problems, ValidationTarget target)
    {
        var trial = sweep.Trial;
        if (sweep.InProcessTrial is not null)
        {
            if (target == ValidationTarget.AzureML)
            {
                problems.Error(
                    "trial", "The trials run a .NET delegate in this process (Sweep.For(async (ctx, ct) => ...)), " +
                    "which Azure ML cannot run.",
                    "Run it with the local engine, or give a command: Sweep.For(\"train.py\").");
            }

            return;
        }

        if (trial.IsReference)
        {
            return;
        }

        CommandValidator.ValidateComponent(trial, "trial.", problems, target, sweep.Inputs, sweep.Outputs,
            sweep.SearchSpace);

        var usesComponentInputs = trial.Inputs.Count > 0;
        var used = CommandTemplate.FindPlaceholders(trial.Command)
            .Where(p => p.Section == "search_space")
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in sweep.SearchSpace.Keys)
        {
            if (usesComponentInputs)
            {
                if (!trial.Inputs.ContainsKey(name))
                {
                    problems.Error(
                        "search_space." + name,
                        $"The trial component declares no input '{name}', so the parameter reaches nothing.",
                        $"Declare an input '{name}' in the component, or remove the parameter.");
                }
            }
            else if (!used.Contains(name) && trial.Command.Length > 0)
            {
                // A warning, not an error: Azure ML accepts a parameter the command never uses (recorded
                // put_sweep_job__...test_sweep_job_submit_with_inputs__2: search space conv_size and dropout_rate, a
                // command that reads only ${{search_space.lr}}, answered 201 Created); the trials then simply do not
                // vary with it. A placeholder naming no parameter stays an error (CommandValidator).
                problems.Warning("search_space." + name, $"The trial command never uses '{name}'.",
                    $"Add {CommandTemplate.SearchSpace(name)} to trial.command (e.g. --{name} " +
                    $"{CommandTemplate.SearchSpace(name)}), or remove the parameter.");
            }
        }
    }
}
