using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Tests.Serialization.Yaml;

public class AzureMLYamlRejectionTests
{
    private const string ValidSweep = """
        type: sweep
        trial:
          command: python train.py --lr ${{search_space.lr}}
          environment: azureml:env:1
        compute: azureml:cpu
        sampling_algorithm: random
        search_space:
          lr:
            type: uniform
            min_value: 0.01
            max_value: 0.1
        objective:
          goal: maximize
          primary_metric: acc
        limits:
          max_total_trials: 4
        """;

    private static AzureMLFormatException Reject(string yaml, string? source = "job.yml")
    {
        var act = () => AzureMLYaml.Read(yaml, new AzureMLYamlReadOptions { SourcePath = source });
        return act.Should().Throw<AzureMLFormatException>().Which;
    }

    public static TheoryData<string, int, string, string> LegacyFiles() => new()
    {
        { "azureml-examples__cli__jobs__basics__hello-sweep__2021-10-07_77ca3532.yml", 12, "trial.code.local_path", "'code: {local_path: src}' is now 'code: src'" },
        { "azureml-examples__cli__jobs__train__lightgbm__iris__job-sweep__2021-09-21_c7f7a45d.yml", 2, "type", "'algorithm' is now 'sampling_algorithm'" },
        { "azureml-examples__experimental__using-cli__jobs__train__lightgbm__iris__sweep__2021-04-16_92c31ebd.yml", 2, "type", "top-level 'max_total_trials' is now 'limits.max_total_trials'" },
        { "azureml-examples__rest-api__examples__lightgbm__iris__job-sweep__2021-05-25_d3341c52.yml", 2, "type", "'timeout_minutes' is now 'limits.timeout' (in seconds)" },
    };

    [Fact]
    public void The_legacy_folder_holds_the_four_pre_GA_files()
    {
        YamlCorpus.LegacyFiles.Should().BeEquivalentTo(LegacyFiles().Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(LegacyFiles))]
    public void Legacy_2021_files_are_rejected_as_pre_GA_syntax_with_the_GA_keys(string file, int line, string key, string fix)
    {
        var path = Path.Combine(YamlCorpus.Directory, "legacy-preview-2021", file);

        var act = () => AzureMLYaml.ReadFile(path);

        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.File.Should().Be(path);
        error.Line.Should().Be(line);
        error.Key.Should().Be(key);
        error.Message.Should().Contain("pre-GA 2021 preview syntax").And.Contain(fix).And.Contain("sweepJob.schema.json");
    }

    [Fact]
    public void Legacy_search_space_keys_with_dashes_are_pre_GA()
    {
        var error = Reject(ValidSweep.Replace("  lr:\n", "  --lr:\n", StringComparison.Ordinal));

        error.Line.Should().Be(8);
        error.Key.Should().Be("search_space.--lr");
        error.Message.Should().Contain("pre-GA").And.Contain("'--lr' is now 'lr'");
    }

    [Fact]
    public void The_malformed_pipeline_is_rejected_at_line_29_with_the_key_and_the_indentation()
    {
        var path = Path.Combine(YamlCorpus.Directory, "malformed",
            "azureml-examples__cli__jobs__pipelines-with-components__pipeline_with_hyperparameter_sweep__pipeline__2026-03-06_a485a1d1.yml");

        var act = () => AzureMLYaml.ReadFile(path);

        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.File.Should().Be(path);
        error.Line.Should().Be(29);
        error.Key.Should().Be("jobs.sweep_step.outputs.test_data");
        error.Problem.Should().Be("bad indentation: 'test_data' is indented 5 spaces, but the keys under 'jobs.sweep_step.outputs' are indented 6 (as 'model_output' on line 26); indent it like its siblings.");
        error.Message.Should().StartWith(path + "(29,");
    }

    [Fact]
    public void Merge_conflict_markers_are_rejected_with_their_line()
    {
        var yaml = ValidSweep.Replace("limits:\n", "<<<<<<< HEAD\nlimits:\n=======\nlimits:\n>>>>>>> feature\n", StringComparison.Ordinal);

        var error = Reject(yaml);

        error.Line.Should().Be(15);
        error.Message.Should().StartWith("job.yml(15,1): ").And.Contain("merge-conflict marker '<<<<<<< HEAD'");
    }

    [Fact]
    public void Unknown_keys_are_rejected_with_a_suggestion()
    {
        var error = Reject(ValidSweep.Replace("max_total_trials: 4", "max_trials: 4", StringComparison.Ordinal));

        error.Line.Should().Be(16);
        error.Key.Should().Be("limits.max_trials");
        error.Problem.Should().Be("unknown key 'max_trials'; did you mean max_total_trials? Valid keys here: max_total_trials, max_concurrent_trials, timeout, trial_timeout.");
    }

    [Fact]
    public void Unknown_top_level_keys_are_rejected()
    {
        var error = Reject(ValidSweep + "\ndisplayname: x\n");

        error.Key.Should().Be("displayname");
        error.Problem.Should().StartWith("unknown key 'displayname'; did you mean display_name?");
    }

    [Fact]
    public void Values_of_the_wrong_type_are_rejected()
    {
        var error = Reject(ValidSweep.Replace("max_total_trials: 4", "max_total_trials: many", StringComparison.Ordinal));

        error.Line.Should().Be(16);
        error.Key.Should().Be("limits.max_total_trials");
        error.Problem.Should().Be("expected an integer, got 'many'.");
    }

    [Fact]
    public void Unknown_distribution_types_list_the_valid_ones()
    {
        var error = Reject(ValidSweep.Replace("type: uniform", "type: gaussian", StringComparison.Ordinal));

        error.Line.Should().Be(9);
        error.Key.Should().Be("search_space.lr.type");
        error.Problem.Should().Be("unknown distribution type 'gaussian'; valid types: choice, randint, uniform, quniform, loguniform, qloguniform, normal, qnormal, lognormal, qlognormal.");
    }

    [Fact]
    public void Unknown_sampling_algorithms_list_the_valid_ones()
    {
        var error = Reject(ValidSweep.Replace("sampling_algorithm: random", "sampling_algorithm: sobol", StringComparison.Ordinal));

        error.Key.Should().Be("sampling_algorithm");
        error.Problem.Should().StartWith("unknown sampling algorithm 'sobol'; valid values: random, grid, bayesian");
    }

    [Fact]
    public void Unknown_policies_list_the_valid_ones()
    {
        var error = Reject(ValidSweep + "\nearly_termination:\n  type: hyperband\n");

        error.Key.Should().Be("early_termination.type");
        error.Problem.Should().Be("unknown early termination policy 'hyperband'; valid values: bandit, median_stopping, truncation_selection.");
    }

    [Fact]
    public void Keys_of_another_policy_are_rejected()
    {
        var error = Reject(ValidSweep + "\nearly_termination:\n  type: median_stopping\n  slack_factor: 0.1\n");

        error.Key.Should().Be("early_termination.slack_factor");
        error.Problem.Should().StartWith("unknown key 'slack_factor'");
    }

    [Fact]
    public void Invalid_distribution_arguments_are_rejected_with_the_parameter()
    {
        var error = Reject(ValidSweep.Replace("max_value: 0.1", "max_value: 0.001", StringComparison.Ordinal));

        error.Key.Should().Be("search_space.lr");
        error.Line.Should().Be(9);
        error.Problem.Should().Contain("'max' (0.001) must be greater than 'min' (0.01)");
    }

    [Fact]
    public void A_missing_type_is_rejected()
    {
        var error = Reject(ValidSweep.Replace("type: sweep\n", string.Empty, StringComparison.Ordinal));

        error.Key.Should().Be("type");
        error.Problem.Should().Be("'type' is required here: without it Azure ML reads the file as a command job (the default), but it has 'trial'; add type: sweep. Valid values: sweep, command, pipeline.");
    }

    [Fact]
    public void A_job_without_type_is_a_command_job_as_azure_ai_ml_reads_it()
    {
        var job = AzureMLYaml.Read("command: echo hello\nenvironment:\n  image: library/python:latest\n");

        job.Should().BeOfType<CommandJobDefinition>().Which.Component.Command.Should().Be("echo hello");
        AzureMLYaml.Write(job).Should().StartWith("$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\ntype: command\n");
        Reject("jobs: {}\n").Problem.Should().Contain("add type: pipeline");
    }

    [Fact]
    public void A_missing_component_file_names_the_file_and_the_referencing_line()
    {
        var yaml = ValidSweep.Replace("trial:\n  command: python train.py --lr ${{search_space.lr}}\n  environment: azureml:env:1\n", "trial: ./nowhere/train.yml\n", StringComparison.Ordinal);
        var source = Path.Combine(YamlCorpus.Directory, "job.yml");

        var error = Reject(yaml, source);

        error.File.Should().Be(source);
        error.Line.Should().Be(2);
        error.Key.Should().Be("trial");
        error.Message.Should().Contain("'./nowhere/train.yml' does not exist").And.Contain(Path.Combine(YamlCorpus.Directory, "nowhere", "train.yml"));
    }

    [Fact]
    public void Errors_in_a_component_file_name_that_file()
    {
        var directory = Directory.CreateTempSubdirectory("hyperdrive-yaml-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "train.yml"), "type: command\ncommand: python t.py\nenvironment: azureml:e:1\ninputs:\n  lr:\n    type: float\n");
            var source = Path.Combine(directory.FullName, "job.yml");
            var yaml = ValidSweep.Replace("trial:\n  command: python train.py --lr ${{search_space.lr}}\n  environment: azureml:env:1\n", "trial: file:./train.yml\n", StringComparison.Ordinal);

            var error = Reject(yaml, source);

            error.File.Should().Be(Path.Combine(directory.FullName, "train.yml"));
            error.Line.Should().Be(6);
            error.Key.Should().Be("inputs.lr.type");
            error.Problem.Should().StartWith("unknown input type 'float'; valid values: integer, number, string, boolean, uri_folder");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Errors_without_a_source_path_name_the_document()
    {
        var error = Reject("type: sweep\ntrial: azureml:c:1\nsampling_algorithm: random\nsearch_space: [1]\nobjective: {goal: maximize, primary_metric: m}\n", source: null);

        error.Message.Should().StartWith("<document>(4,15): search_space: expected a mapping");
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        var error = Reject("type: sweep\nname: a\nname: b\n");

        error.Line.Should().Be(3);
        error.Problem.Should().Contain("Duplicate key");
    }

    [Fact]
    public void Every_unknown_key_and_wrong_value_of_a_file_is_reported_at_once()
    {
        var yaml = ValidSweep
            .Replace("  environment: azureml:env:1", "  environment: azureml:env:1\n  enviroment_variables:\n    A: b", StringComparison.Ordinal)
            .Replace("limits:\n  max_total_trials: 4", "limits:\n  max_total_trials: four\n  max_trials: 4", StringComparison.Ordinal)
            + "\ncolour: blue\n";

        var error = Reject(yaml);

        error.Problems.Select(p => (p.Line, p.Key)).Should().Equal(
            (5, "trial.enviroment_variables"),
            (18, "limits.max_total_trials"),
            (19, "limits.max_trials"),
            (20, "colour"));
        error.Problems[0].Problem.Should().Contain("did you mean environment_variables?");
        error.Problems[1].Problem.Should().Contain("expected an integer, got 'four'");
        error.Line.Should().Be(5, "the exception's own location is the first problem's");
        error.Message.Split('\n').Should().HaveCount(4).And.AllSatisfy(line => line.Should().StartWith("job.yml("));
    }

    [Fact]
    public void A_single_problem_is_its_own_only_problem()
    {
        var error = Reject(ValidSweep + "\ncolour: blue\n");

        error.Problems.Should().ContainSingle().Which.Should().BeSameAs(error);
    }

    [Fact]
    public void A_tab_in_the_indentation_is_reported_at_its_own_line_and_column()
    {
        var error = Reject(ValidSweep.Replace("  max_total_trials: 4", "\tmax_total_trials: 4", StringComparison.Ordinal));

        error.Line.Should().Be(16);
        error.Column.Should().Be(1);
        error.Key.Should().Be("limits.max_total_trials");
        error.Problem.Should().Contain("tab").And.Contain("spaces");
    }

    [Theory]
    [InlineData("inputs:\n  data: {type: uri_folder, path: ./d, mode: upload}\n", "inputs.data.mode", "unknown input mode 'upload'; valid values: ro_mount, rw_mount, download, direct, eval_mount, eval_download, mount.")]
    [InlineData("outputs:\n  model: {type: uri_folder, mode: download}\n", "outputs.model.mode", "unknown output mode 'download'; valid values: rw_mount, upload, direct, mount.")]
    public void A_mode_the_direction_does_not_have_is_rejected_naming_the_valid_ones(string section, string key, string problem)
    {
        var error = Reject(ValidSweep + "\n" + section);

        error.Key.Should().Be(key);
        error.Problem.Should().Be(problem);
    }

    [Fact]
    public void Mount_means_ro_mount_for_an_input_and_rw_mount_for_an_output_as_azure_ai_ml_maps_it()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(ValidSweep + "\ninputs:\n  data: {type: uri_folder, path: ./d, mode: mount}\noutputs:\n  model: {type: uri_folder, mode: mount}\n");

        ((HyperDrive.Fluent.Trials.AssetInput)sweep.Inputs["data"]).Mode.Should().Be(HyperDrive.Fluent.Trials.AssetMode.ReadOnlyMount);
        sweep.Outputs["model"].Mode.Should().Be(HyperDrive.Fluent.Trials.AssetMode.ReadWriteMount);
    }
}
