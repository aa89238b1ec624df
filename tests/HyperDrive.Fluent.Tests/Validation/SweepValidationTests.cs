using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests.Validation;

public class SweepValidationTests
{
    private static SweepBuilder Seed() => Sweep.For("02_train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2");

    private static List<ValidationProblem> Errors(SweepDefinition sweep, ValidationTarget target = ValidationTarget.Portable) =>
        sweep.Validate(target).Where(p => p.IsError).ToList();

    [Fact]
    public void The_full_message_lists_every_problem_with_path_and_fix()
    {
        var sweep = Sweep.ForCommand("python train.py --lr ${{search_space.lr}} --in ${{inputs.data}}")
            .Sample("lr", LogUniform(-5, -1))
            .Sample("layers", Choice(1, 2, 3))
            .BayesianSampling()
            .MedianStopping()
            .Runs(2000)
            .BuildUnvalidated();

        var act = () => sweep.EnsureValid(ValidationTarget.AzureML);

        act.Should().Throw<HyperDriveValidationException>().Which.Message.Should().Be(
            """
            The sweep definition is not valid. 6 errors, 1 warning:
            - error search_space.lr: Bayesian sampling supports only choice, uniform and quniform, but 'lr' is loguniform. Fix: Use choice, uniform or quniform (e.g. Uniform over the exponent instead of loguniform), or use random sampling.
            - error objective.primary_metric: No primary metric is set. Fix: Call .Maximize("metric") or .Minimize("metric") with the name the trial reports.
            - error early_termination: Bayesian sampling does not support early termination, but a median_stopping policy is set. Fix: Remove the early termination policy, or use random or grid sampling.
            - error limits.max_total_trials: max_total_trials is 2000, more than Azure ML's 1000. Fix: Use at most 1000 trials to run on Azure ML.
            - error trial.environment: No environment is set. Fix: Set one, e.g. .Environment("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest") or .Environment(image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", condaFile: "conda.yml").
            - error trial.command: ${{inputs.data}} names no input. Fix: Add an input 'data' or fix the name (inputs: none).
            - warning search_space.layers: The trial command never uses 'layers'. Fix: Add ${{search_space.layers}} to trial.command (e.g. --layers ${{search_space.layers}}), or remove the parameter.
            """.ReplaceLineEndings("\n").Replace("\n", Environment.NewLine, StringComparison.Ordinal));
    }

    [Fact]
    public void Grid_needs_every_parameter_to_be_a_literal_choice()
    {
        var sweep = Sweep.For("t.py")
            .Sample("--a", Choice(1, 2))
            .Sample("--b", Uniform(0, 1))
            .Sample("--c", Choice(Option(("kind", "svm"), ("C", Uniform(0.1, 10)))))
            .Maximize("acc").GridSampling().BuildUnvalidated();

        Errors(sweep).Select(p => p.Path).Should().Equal("search_space.b", "search_space.c");
    }

    [Fact]
    public void Bandit_needs_a_slack_and_warns_when_both_are_set()
    {
        Errors(Seed().EarlyTermination(new BanditPolicy(evaluationInterval: 2)).BuildUnvalidated())
            .Should().ContainSingle().Which.Path.Should().Be("early_termination.slack_factor");

        Seed().EarlyTermination(new BanditPolicy(0.1, 0.2)).BuildUnvalidated().Validate()
            .Should().ContainSingle(p => p.Path == "early_termination").Which.Severity.Should().Be(ValidationSeverity.Warning);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Truncation_percentage_must_be_1_to_99(int percentage)
    {
        Errors(Seed().EarlyTermination(new TruncationSelectionPolicy(percentage)).BuildUnvalidated())
            .Should().ContainSingle().Which.Path.Should().Be("early_termination.truncation_percentage");
    }

    [Theory]
    [InlineData(0, null, "limits.max_total_trials")]
    [InlineData(10, 0, "limits.max_concurrent_trials")]
    [InlineData(1001, null, "limits.max_total_trials")]
    public void Trial_limits_are_checked(int total, int? concurrent, string path)
    {
        var sweep = Seed().BuildUnvalidated() with
        {
            Limits = new SweepLimits { MaxTotalTrials = total, MaxConcurrentTrials = concurrent },
            Compute = "cpu",
            Trial = Seed().BuildUnvalidated().Trial with { Environment = "azureml:env:1" },
        };
        Errors(sweep, ValidationTarget.AzureML).Should().ContainSingle().Which.Path.Should().Be(path);
    }

    [Fact]
    public void More_than_a_thousand_trials_is_an_Azure_limit_not_a_local_one()
    {
        var sweep = Seed().Runs(10_000, 2).Build();

        sweep.Validate().Should().ContainSingle(p => p.Path == "limits.max_total_trials")
            .Which.Severity.Should().Be(ValidationSeverity.Warning);
        Errors(sweep, ValidationTarget.AzureML).Should().Contain(p => p.Path == "limits.max_total_trials" && p.Message == "max_total_trials is 10000, more than Azure ML's 1000.");
    }

    [Fact]
    public void Metric_and_job_names_follow_the_REST_patterns()
    {
        var sweep = Seed().BuildUnvalidated() with { Name = "-bad name", Objective = new Objective(ObjectiveGoal.Maximize, "r 2") };
        Errors(sweep).Select(p => p.Path).Should().BeEquivalentTo("name", "objective.primary_metric");
    }

    [Fact]
    public void Outputs_and_search_space_placeholders_must_name_something()
    {
        var sweep = Sweep.ForCommand("python t.py --a ${{search_space.a}} --b ${{search_space.b}} --m ${{outputs.model}}")
            .Sample("a", Uniform(0, 1)).Maximize("m").BuildUnvalidated();

        Errors(sweep).Select(p => p.Message).Should().BeEquivalentTo(
            "${{search_space.b}} names no search-space parameter.",
            "${{outputs.model}} names no output.");
    }

    [Fact]
    public void The_environment_is_a_warning_locally_and_an_error_for_Azure()
    {
        var sweep = Seed().BuildUnvalidated();

        sweep.Validate().Should().OnlyContain(p => p.Severity == ValidationSeverity.Warning).And.Contain(p => p.Path == "trial.environment");
        Errors(sweep, ValidationTarget.AzureML).Select(p => p.Path).Should().Equal("trial.environment");
    }

    [Fact]
    public void No_compute_is_no_problem_even_for_Azure_which_runs_it_on_serverless_compute()
    {
        var sweep = Seed().Environment("azureml:env:1").BuildUnvalidated();

        sweep.Compute.Should().BeNull();
        sweep.Validate(ValidationTarget.AzureML).Should().BeEmpty();
    }

    [Fact]
    public void More_concurrent_than_total_trials_is_a_warning_because_Azure_accepts_it()
    {
        var sweep = Seed().Runs(2, 10).Environment("azureml:env:1").BuildUnvalidated();

        sweep.Validate(ValidationTarget.AzureML).Should().ContainSingle().Which.Should().Be(new ValidationProblem(
            ValidationSeverity.Warning,
            "limits.max_concurrent_trials",
            "max_concurrent_trials (10) is greater than max_total_trials (2); at most 2 trials ever run at once.",
            "Lower max_concurrent_trials to at most 2, or raise max_total_trials."));
    }

    [Fact]
    public void A_parameter_the_command_never_uses_is_a_warning_but_a_placeholder_naming_nothing_is_an_error()
    {
        var sweep = Sweep.ForCommand("python t.py --a ${{search_space.a}} --z ${{search_space.z}}")
            .Sample("a", Uniform(0, 1)).Sample("unused", Uniform(0, 1)).Maximize("m").BuildUnvalidated();

        var problems = sweep.Validate();

        problems.Should().ContainSingle(p => p.Path == "search_space.unused").Which.Severity.Should().Be(ValidationSeverity.Warning);
        problems.Where(p => p.IsError).Select(p => p.Message).Should().Equal("${{search_space.z}} names no search-space parameter.");
    }

    [Fact]
    public void Legacy_placeholders_count_as_uses_but_warn()
    {
        var sweep = Sweep.ForCommand("python t.py --lr {search_space.lr}").Sample("lr", Uniform(0, 1)).Maximize("acc").BuildUnvalidated();

        sweep.Validate().Should().ContainSingle(p => p.Path == "trial.command")
            .Which.Should().Match<ValidationProblem>(p => p.Severity == ValidationSeverity.Warning && p.Fix == "Write ${{search_space.lr}}.");
    }

    [Fact]
    public void A_component_trial_binds_search_space_keys_to_its_inputs()
    {
        var trial = new CommandComponent
        {
            Command = "python train.py --C ${{inputs.c_value}}",
            Environment = "azureml:env:1",
            Inputs = EquatableMap<ComponentInput>.Create([new("c_value", new ComponentInput("number"))]),
        };
        var sweep = new SweepDefinition
        {
            Trial = trial,
            Compute = "cpu",
            Objective = new Objective(ObjectiveGoal.Minimize, "loss"),
            SearchSpace = EquatableMap<SearchSpaces.Distribution>.Create([new("c_value", Uniform(0.5, 0.9)), new("kernel", Choice("rbf"))]),
        };

        Errors(sweep, ValidationTarget.AzureML).Should().ContainSingle()
            .Which.Should().Match<ValidationProblem>(p => p.Path == "search_space.kernel" && p.Message.Contains("declares no input 'kernel'"));
    }

    [Fact]
    public void Sampling_defaults_to_random_without_a_rule()
    {
        Seed().Build().SamplingAlgorithm.Should().Be(new RandomSampling(null, null));
        Sweep.For("t.py").Sample("--a", Uniform(0, 1)).Maximize("m").SobolSampling(7).Build()
            .SamplingAlgorithm.Should().Be(new RandomSampling(7, RandomSamplingRule.Sobol));
    }

    [Fact]
    public void Log_bounds_that_look_like_real_values_are_a_warning_showing_the_exponent_form()
    {
        var sweep = Sweep.For("train.py").Sample("--lr", LogUniform(0.001, 1.0)).Sample("--wd", QLogUniform(0.01, 0.5, 0.001))
            .Sample("--ok", LogUniform(-6.9, 0)).Maximize("r2").Build();

        var problems = sweep.Validate();

        problems.Should().OnlyContain(p => p.Severity == ValidationSeverity.Warning, "the service accepts exponents 0.001..1");
        problems.Should().ContainSingle(p => p.Path == "search_space.lr").Which.Should().Match<ValidationProblem>(p =>
            p.Message == "loguniform bounds are natural-log exponents, so 'lr' samples e^0.001..e^1 (1.001..2.718), not 0.001..1."
            && p.Fix == "For values between 0.001 and 1 write min_value: -6.90776 and max_value: 0 in YAML, or Distributions.LogUniformBetween(0.001, 1) in C#.");
        problems.Should().ContainSingle(p => p.Path == "search_space.wd").Which.Fix.Should().EndWith("Distributions.QLogUniformBetween(0.01, 0.5, 0.001) in C#.");
        problems.Should().NotContain(p => p.Path == "search_space.ok");
    }

    [Fact]
    public void Modes_the_REST_enums_do_not_have_for_the_direction_are_errors()
    {
        var sweep = Seed().BuildUnvalidated() with
        {
            Inputs = EquatableMap<JobInput>.Create([new("data", new AssetInput(AssetType.UriFolder, "./d", AssetMode.Upload))]),
            Outputs = EquatableMap<JobOutput>.Create([new("model", new JobOutput(AssetType.UriFolder, null, AssetMode.Download))]),
        };

        Errors(sweep).Select(p => (p.Path, p.Fix)).Should().BeEquivalentTo(new[]
        {
            ("inputs.data.mode", "Use ro_mount, rw_mount, download, direct, eval_mount or eval_download."),
            ("outputs.model.mode", "Use rw_mount, upload or direct."),
        });
    }

    [Theory]
    [InlineData("../../escape")]
    [InlineData("/tmp/escape")]
    public void A_component_output_or_input_name_that_is_a_path_is_an_error_as_azure_ai_ml_makes_it(string name)
    {
        var pipeline = (PipelineDefinition)HyperDrive.Fluent.Serialization.AzureMLYaml.Read($$$"""
            type: pipeline
            settings:
              default_compute: azureml:cpu
            jobs:
              train:
                type: command
                component:
                  command: python train.py --model ${{outputs.model}}
                  environment: azureml:sklearn@latest
                  inputs:
                    "{{{name}}}":
                      type: string
                  outputs:
                    model:
                      type: uri_folder
                    "{{{name}}}":
                      type: uri_folder
            """);

        var errors = pipeline.Validate().Where(p => p.IsError).ToList();

        errors.Should().Contain(p => p.Path == $"jobs.train.outputs.{name}" && p.Message == $"'{name}' is not a valid output name.");
        errors.Should().Contain(p => p.Path == $"jobs.train.inputs.{name}" && p.Message == $"'{name}' is not a valid input name.");
    }

    [Fact]
    public void A_best_model_registration_needs_a_model_name_that_is_not_a_path()
    {
        var sweep = Seed().Environment("azureml:env@latest").RegisterBestModel("../../models", "outputs/model").BuildUnvalidated();

        Errors(sweep).Should().ContainSingle().Which.Should().Match<ValidationProblem>(p =>
            p.Path == "register_best_model.model_name" && p.Message == "'../../models' is not a valid model name.");
        Errors(Seed().Environment("azureml:env@latest").RegisterBestModel("ridge", "outputs/model").Build()).Should().BeEmpty("on Azure ML the output is a path in the trial's artifacts");
    }
}
