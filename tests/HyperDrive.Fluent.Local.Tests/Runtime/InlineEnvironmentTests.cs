using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

/// <summary>An inline environment locally: the image is not run and the conda file not installed; the engine says so once
/// per run and runs the trials with this machine's Python.</summary>
public class InlineEnvironmentTests
{
    private const string Notice = "The trials run with this machine's Python; the environment's image/conda file are not applied locally";

    [Fact]
    public async Task A_sweep_with_an_inline_environment_runs_its_trials_and_says_once_that_the_image_is_not_applied()
    {
        using var temp = new TempFolder();
        temp.Write("train.py", "import sys\nprint(f\"r2={sys.argv[2]}\")\n");
        await using var engine = Engine(temp);
        var sweep = Sweep.For("train.py")
            .Sample("--alpha", Choice(0.1, 0.2, 0.3))
            .GridSampling()
            .Maximize("r2")
            .Runs(3, 2)
            .Environment(image: "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04", condaFile: "conda.yml")
            .Build();
        var updates = new List<TrialUpdate>();

        await using var run = await engine.StartAsync(sweep, Options(temp));
        await foreach (var update in run.WatchAsync())
        {
            updates.Add(update);
        }

        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Trials.Should().HaveCount(3).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        result.Warnings.Should().ContainSingle(w => w.Contains(Notice, StringComparison.Ordinal))
            .Which.Should().Be(Notice + " (image mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04, conda file conda.yml).");
        result.Warnings.Should().NotContain(w => w.Contains("apply on Azure ML only", StringComparison.Ordinal), "no reference environment, compute or resources are set");
        updates.Where(u => u.Kind == TrialUpdateKind.Notice).Select(u => u.Message).Should().ContainSingle(m => m!.Contains(Notice, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pipeline_whose_steps_define_environments_inline_says_it_once_for_the_run()
    {
        using var temp = new TempFolder();
        temp.Write("prep.py", "print('prep done')\n");
        temp.Write("train.py", "import sys\nprint(f\"r2={sys.argv[2]}\")\n");
        temp.Write("pipeline.yml", """
            type: pipeline
            jobs:
              prep:
                type: command
                command: python prep.py
                environment:
                  image: docker.io/python
              train:
                type: sweep
                trial:
                  command: python train.py --alpha ${{search_space.alpha}}
                  environment:
                    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04
                    conda_file:
                      dependencies: [python=3.10]
                sampling_algorithm: grid
                search_space:
                  alpha: {type: choice, values: [0.5]}
                objective: {goal: maximize, primary_metric: r2}
                limits: {max_total_trials: 1}
            """);
        var pipeline = AzureMLYaml.ReadFile(temp.Combine("pipeline.yml"));
        await using var engine = Engine(temp);

        var result = await RunAsync(engine, pipeline, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Warnings.Where(w => w.Contains(Notice, StringComparison.Ordinal)).Should().ContainSingle();
    }

    [Fact]
    public async Task Additional_includes_are_not_copied_locally_and_the_engine_says_so()
    {
        using var temp = new TempFolder();
        temp.Write("train.py", "import sys\nprint(f\"r2={sys.argv[2]}\")\n");
        var sweep = Sweep.For("train.py").Sample("--alpha", Choice(0.5)).GridSampling().Maximize("r2").Runs(1, 1).Build();
        sweep = sweep with { Trial = sweep.Trial with { AdditionalIncludes = EquatableList<string>.Create(["../common_src"]) } };
        await using var engine = Engine(temp);

        var result = await RunAsync(engine, sweep, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed);
        result.Warnings.Should().ContainSingle(w => w.StartsWith("additional_includes (../common_src) are not copied next to the code locally", StringComparison.Ordinal));
    }
}
