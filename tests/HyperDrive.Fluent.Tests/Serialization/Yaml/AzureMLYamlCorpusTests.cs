using HyperDrive.Fluent.EarlyTermination;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Tests.Serialization.Yaml;

public class AzureMLYamlCorpusTests
{
    public static TheoryData<string> JobFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in YamlCorpus.JobFiles)
        {
            data.Add(file);
        }

        return data;
    }

    private static AzureMLYamlReadOptions OptionsFor(string file) => new()
    {
        SourcePath = YamlCorpus.PathOf(file),
        MissingComponentFile = file == YamlCorpus.HelloWorldPipeline ? MissingComponentFileBehavior.KeepReference : MissingComponentFileBehavior.Error,
    };

    [Fact]
    public void The_corpus_has_19_job_files_outside_legacy_and_malformed()
    {
        YamlCorpus.JobFiles.Should().HaveCount(19);
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public void Every_corpus_job_reads_and_round_trips(string file)
    {
        var options = OptionsFor(file);
        var first = AzureMLYaml.ReadFile(YamlCorpus.PathOf(file), options);

        var written = AzureMLYaml.Write(first);
        var second = AzureMLYaml.Read(written, options);
        var rewritten = AzureMLYaml.Write(second);

        second.Should().Be(first);
        rewritten.Should().Be(written);
        first.JobType.Should().BeOneOf("sweep", "pipeline");
    }

    [Fact]
    public void Hello_sweep_reads_every_field()
    {
        var sweep = (SweepDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf("azureml-examples__cli__jobs__basics__hello-sweep__2022-03-11_6c9bcbbd.yml"));

        sweep.Trial.Command.Should().Be("python hello-sweep.py --A ${{inputs.A}} --B ${{search_space.B}} --C ${{search_space.C}}");
        sweep.Trial.Code.Should().Be("src");
        sweep.Trial.Environment.Should().Be("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest");
        sweep.Inputs["A"].Should().Be(new LiteralInput(0.5));
        sweep.Compute.Should().Be("azureml:cpu-cluster");
        sweep.SamplingAlgorithm.Should().Be(new RandomSampling());
        sweep.SearchSpace["B"].Should().Be(new ChoiceDistribution(["hello", "world", "hello_world"]));
        sweep.SearchSpace["C"].Should().Be(new UniformDistribution(0.1, 1.0));
        sweep.Objective.Should().Be(new Objective(ObjectiveGoal.Minimize, "random_metric"));
        sweep.Limits.Should().Be(new SweepLimits { MaxTotalTrials = 4, MaxConcurrentTrials = 2, Timeout = TimeSpan.FromHours(1) });
        sweep.DisplayName.Should().Be("hello-sweep-example");
        sweep.ExperimentName.Should().Be("hello-sweep-example");
        sweep.Description.Should().Be("Hello sweep job example.");
        sweep.EarlyTermination.Should().BeNull();
    }

    [Fact]
    public void Sdk_input_types_read_as_assets_and_typed_literals()
    {
        var sweep = (SweepDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf("azure-sdk-for-python__test_configs__sweep_job__sweep_job_input_types.yml"));

        sweep.Inputs["test_dataset"].Should().Be(new AssetInput(AssetType.UriFolder,
            "/subscriptions/d511f82f-71ba-49a4-8233-d7be8a3650f4/resourceGroups/RLTesting/providers/Microsoft.MachineLearningServices/workspaces/AnkitWS/data/fake-dataset/versions/2"));
        sweep.Inputs["test_url"].Should().Be(new AssetInput(AssetType.UriFile, "azureml://fake/url.json", AssetMode.ReadOnlyMount));
        sweep.Inputs["test_string_literal"].Should().Be(new LiteralInput("literal string"));
        ((LiteralInput)sweep.Inputs["test_literal_valued_int"]).Value.Should().Be(42L);
        sweep.Properties.Should().Equal(new Dictionary<string, string> { ["_azureml.ComputeTargetType"] = "amlcompute" });
        sweep.Name.Should().Be("test1");
        sweep.Compute.Should().Be("azureml:testCompute");
        sweep.Limits.MaxTotalTrials.Should().Be(5);
    }

    [Fact]
    public void Sdk_policies_and_sampling_rules_read()
    {
        var truncation = (SweepDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf("azure-sdk-for-python__test_configs__sweep_job__sweep-truncation.yaml"));
        truncation.EarlyTermination.Should().Be(new TruncationSelectionPolicy(40, 100, 200));
        truncation.Trial.Command.Should().Contain("{search_space.lr}", "the legacy placeholder form is kept as written");
        truncation.SearchSpace["conv_size"].Should().Be(new ChoiceDistribution([2L, 5L, 7L]));

        var median = (SweepDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf("azure-sdk-for-python__test_configs__sweep_job__sweep_job_search_space_choice_string.yml"));
        median.EarlyTermination.Should().Be(new MedianStoppingPolicy(100, 200));
        median.Trial.EnvironmentVariables.Should().Equal(new Dictionary<string, string> { ["AZUREML_COMPUTE_USE_COMMON_RUNTIME"] = "true" });

        var sobol = (SweepDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf("azure-sdk-for-python__test_configs__sweep_job__sampling_algorithm_properties__sweep_job_random_rule.yml"));
        sobol.SamplingAlgorithm.Should().Be(new RandomSampling(Rule: RandomSamplingRule.Sobol));
        sobol.Limits.Timeout.Should().Be(TimeSpan.FromSeconds(3000));
    }

    [Fact]
    public void Pipeline_resolves_the_trial_and_step_component_files_relative_to_the_yaml()
    {
        const string file = "azureml-examples__cli__jobs__pipelines-with-components__pipeline_with_hyperparameter_sweep__pipeline__2022-04-13_5813fd04.yml";
        var pipeline = (PipelineDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf(file));

        pipeline.Settings.DefaultCompute.Should().Be("azureml:cpu-cluster");
        pipeline.Jobs.Keys.Should().Equal("sweep_step", "predict_step");

        var sweep = (SweepDefinition)pipeline.Jobs["sweep_step"];
        sweep.Trial.Source.Should().Be("file:./train.yml");
        sweep.Trial.Name.Should().Be("train_model");
        sweep.Trial.Version.Should().Be("1");
        sweep.Trial.Code.Should().Be("./train-src");
        sweep.Trial.Environment.Should().Be("azureml://registries/azureml/environments/sklearn-1.5/labels/latest");
        sweep.Trial.Inputs.Should().HaveCount(15);
        sweep.Trial.Inputs["c_value"].Should().Be(new ComponentInput("number") { Default = 1.0 });
        sweep.Trial.Inputs["tol"].Should().Be(new ComponentInput("number") { Default = 1e-3 });
        sweep.Trial.Inputs["shrinking"].Should().Be(new ComponentInput("boolean") { Default = false });
        sweep.Trial.Inputs["max_iter"].Should().Be(new ComponentInput("integer") { Default = -1L });
        sweep.Trial.Outputs["model_output"].Should().Be(new JobOutput(AssetType.MLFlowModel));
        sweep.Inputs["shrinking"].Should().Be(new LiteralInput(false));
        sweep.Inputs["gamma"].Should().Be(new LiteralInput("scale"));
        sweep.Outputs["test_data"].Should().BeSameAs(JobOutput.Unconfigured, "an output with no settings leaves the component's declared type to apply");

        var predict = (CommandJobDefinition)pipeline.Jobs["predict_step"];
        predict.Component.Source.Should().Be("file:./predict.yml");
        predict.Component.Name.Should().Be("predict_component");
        predict.Inputs["model"].Should().Be(BindingInput.ToStepOutput("sweep_step", "model_output"));
        pipeline.GetExecutionOrder().Should().Equal("sweep_step", "predict_step");
    }

    [Fact]
    public void Sdk_pipeline_fails_by_default_naming_the_missing_component_file()
    {
        var path = YamlCorpus.PathOf(YamlCorpus.HelloWorldPipeline);

        var act = () => AzureMLYaml.ReadFile(path);

        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.File.Should().Be(path);
        error.Line.Should().Be(114);
        error.Key.Should().Be("jobs.hello_sweep_inline_file_trial.trial");
        error.Message.Should().Contain("../components/helloworld_component_for_sweep.yml").And.Contain("does not exist").And.Contain("KeepReference");
    }

    [Fact]
    public void Sdk_pipeline_reads_with_the_missing_component_kept_as_a_reference()
    {
        var options = new AzureMLYamlReadOptions { MissingComponentFile = MissingComponentFileBehavior.KeepReference };
        var pipeline = (PipelineDefinition)AzureMLYaml.ReadFile(YamlCorpus.PathOf(YamlCorpus.HelloWorldPipeline), options);

        pipeline.Compute.Should().Be("azureml:cpu-cluster");
        pipeline.Inputs["job_in_number"].Should().Be(new LiteralInput(10.01));
        pipeline.Inputs["job_in_other_number"].Should().Be(new LiteralInput(15L));

        var inline = (SweepDefinition)pipeline.Jobs["hello_sweep_inline_trial"];
        inline.Trial.Inputs["component_in_number"].Should().Be(new ComponentInput("integer") { Default = 10L, Optional = false, Description = "Am integer" });
        inline.Trial.Code.Should().Be("../python");
        inline.EarlyTermination.Should().Be(new MedianStoppingPolicy(100, 200));
        inline.Limits.Timeout.Should().Be(TimeSpan.FromHours(2));

        var fileTrial = (SweepDefinition)pipeline.Jobs["hello_sweep_inline_file_trial"];
        fileTrial.Trial.Should().Be(new CommandComponent { Source = "file:../components/helloworld_component_for_sweep.yml" });
        fileTrial.SearchSpace.Values.Select(d => d.Kind).Should().Equal(
            DistributionKind.Choice, DistributionKind.RandInt, DistributionKind.QUniform, DistributionKind.QLogNormal, DistributionKind.QLogUniform,
            DistributionKind.QNormal, DistributionKind.LogNormal, DistributionKind.LogUniform, DistributionKind.Normal, DistributionKind.Uniform);
        fileTrial.SearchSpace["third_layer_neurons"].Should().Be(new QLogNormalDistribution(5, 1, 5));
        fileTrial.Inputs["data_folder"].Should().Be(new AssetInput(AssetType.MLTable, "../data", AssetMode.ReadOnlyMount));

        var remote = (SweepDefinition)pipeline.Jobs["hello_sweep_inline_remote_trial"];
        remote.Trial.ComponentId.Should().Be("azureml:microsoftsamplescommandcomponentbasic_nopaths_test:1");
        remote.Trial.IsReference.Should().BeTrue();

        var written = AzureMLYaml.Write(pipeline);
        written.Should().Contain("trial: file:../components/helloworld_component_for_sweep.yml")
            .And.Contain("trial: azureml:microsoftsamplescommandcomponentbasic_nopaths_test:1");
        AzureMLYaml.Read(written, options).Should().Be(pipeline);
    }
}
