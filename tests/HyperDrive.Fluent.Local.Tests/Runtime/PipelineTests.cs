using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Trials;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

public class PipelineTests
{
    [Fact]
    public async Task Steps_run_in_order_with_outputs_bound_to_inputs_and_the_best_model_registered()
    {
        using var temp = new TempFolder();
        temp.Write("data/raw.txt", "10\n");
        temp.Write("code/prep.py", """
            import argparse, os
            p = argparse.ArgumentParser(); p.add_argument("--raw"); p.add_argument("--scale"); p.add_argument("--out")
            a = p.parse_args()
            value = float(open(a.raw).read()) * float(a.scale)
            open(os.path.join(a.out, "data.txt"), "w").write(str(value))
            """);
        temp.Write("code/train.py", """
            import argparse, os
            p = argparse.ArgumentParser(); p.add_argument("--data"); p.add_argument("--alpha", type=float); p.add_argument("--model")
            a = p.parse_args()
            base = float(open(os.path.join(a.data, "data.txt")).read())
            print(f"r2={base * a.alpha}")
            open(os.path.join(a.model, "model.txt"), "w").write(f"alpha={a.alpha}")
            """);
        var pipeline = Pipeline.Create("diabetes")
            .Input("raw", JobInput.UriFile("data/raw.txt"))
            .Step("prep", "prep.py", s => s.Code("code").Input("--raw", BindingInput.ToPipelineInput("raw")).Input("--scale", JobInput.Literal(0.5)).Output("--out"))
            .Sweep("train", Sweep.For("train.py").Code("code")
                .BindInput("--data", "prep", "out")
                .Sample("--alpha", Choice(0.1, 0.9, 0.5))
                .Output("--model")
                .GridSampling().Maximize("r2").Runs(3, 2))
            .RegisterBestModel("train", "model", "ridge")
            .Build();

        await using var engine = Engine(temp);
        var result = await RunAsync(engine, pipeline, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Completed, result.Error);
        result.Steps.Keys.Should().BeEquivalentTo("prep", "train");
        result.Steps["prep"].Trials.Should().ContainSingle().Which.Status.Should().Be(TrialStatus.Completed);
        var train = result.Steps["train"];
        train.Trials.Select(t => t.GetMetric("r2")[0].Value).Should().BeEquivalentTo([0.5, 4.5, 2.5]);
        train.BestTrial!.Parameters["alpha"].Should().Be(0.9);
        File.ReadAllText(Path.Combine(result.OutputDirectory!, "models", "ridge", "1", "model.txt")).Should().Be("alpha=0.9");
        File.Exists(Path.Combine(result.OutputDirectory!, "pipeline.json")).Should().BeTrue();
        File.Exists(Path.Combine(result.OutputDirectory!, "steps", "train", "sweep.json")).Should().BeTrue();
    }

    [Fact]
    public async Task A_failing_step_fails_the_pipeline_and_its_dependents_do_not_run()
    {
        using var temp = new TempFolder();
        temp.Write("fail.py", "import sys; sys.stderr.write('no data\\n'); sys.exit(2)\n");
        temp.Write("train.py", "print('r2=1')\n");
        var pipeline = Pipeline.Create("p")
            .Step("prep", "fail.py", s => s.Output("--out"))
            .Sweep("train", Sweep.For("train.py").BindInput("--data", "prep", "out").Sample("--a", Choice(1)).GridSampling().Maximize("r2"))
            .Build();

        await using var engine = Engine(temp);
        var result = await RunAsync(engine, pipeline, Options(temp));

        result.Status.Should().Be(SweepRunStatus.Failed);
        result.Error.Should().Contain("Step 'prep' failed").And.Contain("Exited with code 2").And.Contain("no data");
        result.Steps.Keys.Should().Equal("prep");
    }
}
