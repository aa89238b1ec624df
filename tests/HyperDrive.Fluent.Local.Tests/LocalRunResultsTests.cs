using System.Text.Json.Nodes;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Trials;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests;

public class LocalRunResultsTests
{
    private static readonly Dictionary<string, double[]> Streams = new()
    {
        ["good"] = [0.8, 0.85, 0.9, 0.92],
        ["close"] = [0.78, 0.84, 0.86, 0.9],
        ["bad"] = [0.5, 0.55, 0.6, 0.62],
    };

    private static SweepDefinition BanditSweep() => Sweep.For(async (ctx, ct) =>
        {
            if (ctx.Parameters.GetInt64("depth") == 3)
            {
                throw new InvalidOperationException("depth 3 is not supported");
            }

            var step = 0L;
            foreach (var value in Streams[ctx.Parameters.GetString("stream")])
            {
                ct.ThrowIfCancellationRequested();
                ctx.Report("auc", value * (1 + (0.01 * ctx.Parameters.GetInt64("depth"))), step: step += 5);
                ctx.Report("loss", double.NaN);
                await Task.Yield();
            }
        })
        .Sample("stream", Choice("good", "close", "bad"))
        .Sample("depth", Choice(1, 3))
        .GridSampling()
        .Maximize("auc")
        .Bandit(1, 0.1)
        .Runs(6, 1)
        .Build();

    [Fact]
    public async Task A_sweep_read_back_equals_the_result_the_run_returned()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var result = await RunAsync(engine, BanditSweep(), Options(temp));
        result.Trials.Select(t => t.Status).Should().Contain([TrialStatus.Completed, TrialStatus.Failed, TrialStatus.Terminated], "the test covers every outcome");
        result.Decisions.Should().NotBeEmpty();

        var read = LocalRunResults.Read(result.OutputDirectory!);

        read.Should().BeEquivalentTo(result, o => o.WithStrictOrdering());
        read.BestTrial.Should().BeSameAs(read.Trials.Single(t => t.Id == result.BestTrial!.Id));
        read.Trials.SelectMany(t => t.Parameters.Values.Select(v => v.GetType())).Should()
            .Equal(result.Trials.SelectMany(t => t.Parameters.Values.Select(v => v.GetType())), "values keep their types");
        read.Trials[0].GetMetric("loss").Should().OnlyContain(v => double.IsNaN(v.Value), "NaN is written as a string and read back");
        read.Trials[0].OutputDirectory.Should().Be(Path.Combine(result.OutputDirectory!, "trials", result.Trials[0].Id, "outputs"));
        LocalRunResults.Read(Path.Combine(result.OutputDirectory!, "sweep.json")).Should().BeEquivalentTo(result, o => o.WithStrictOrdering(), "the file itself may be given");
    }

    [Fact]
    public async Task A_pipeline_read_back_equals_the_result_the_run_returned_with_every_step()
    {
        using var temp = new TempFolder();
        temp.Write("data/raw.txt", "10\n");
        temp.Write("code/prep.py", """
            import argparse, os
            p = argparse.ArgumentParser(); p.add_argument("--raw"); p.add_argument("--out"); a = p.parse_args()
            open(os.path.join(a.out, "data.txt"), "w").write(str(float(open(a.raw).read()) / 2))
            """);
        temp.Write("code/train.py", """
            import argparse, os, sys
            p = argparse.ArgumentParser(); p.add_argument("--data"); p.add_argument("--alpha", type=float); p.add_argument("--model"); a = p.parse_args()
            if a.alpha > 1:
                sys.stderr.write("alpha too large\n"); sys.exit(3)
            base = float(open(os.path.join(a.data, "data.txt")).read())
            print(f"r2={base * a.alpha}")
            open(os.path.join(a.model, "model.txt"), "w").write(f"alpha={a.alpha}")
            """);
        var pipeline = Pipeline.Create("diabetes")
            .Input("raw", JobInput.UriFile("data/raw.txt"))
            .Step("prep", "prep.py", s => s.Code("code").Input("--raw", BindingInput.ToPipelineInput("raw")).Output("--out"))
            .Sweep("train", Sweep.For("train.py").Code("code")
                .BindInput("--data", "prep", "out")
                .Sample("--alpha", Choice(0.1, 0.9, 2.0))
                .Output("--model")
                .GridSampling().Maximize("r2").Runs(3, 2))
            .RegisterBestModel("train", "model", "ridge")
            .Build();
        await using var engine = Engine(temp);
        var result = await RunAsync(engine, pipeline, Options(temp));
        result.Status.Should().Be(SweepRunStatus.Completed, result.Error);
        result.Warnings.Should().Contain(w => w.Contains("Registered model 'ridge'", StringComparison.Ordinal));

        var read = LocalRunResults.Read(result.OutputDirectory!);

        read.Should().BeEquivalentTo(result, o => o.WithStrictOrdering());
        read.Steps.Keys.Should().Equal("prep", "train");
        read.Steps["train"].Trials.Should().Contain(t => t.Status == TrialStatus.Failed && t.ExitCode == 3 && t.Error!.Contains("alpha too large"));
        read.Steps["prep"].OutputDirectory.Should().Be(Path.Combine(result.OutputDirectory!, "steps", "prep"));
    }

    [Fact]
    public void A_folder_that_is_not_a_run_is_rejected_naming_the_files_it_lacks()
    {
        using var temp = new TempFolder();

        var act = () => LocalRunResults.Read(temp.Path);

        act.Should().Throw<FileNotFoundException>()
            .WithMessage($"'{temp.Path}' holds no sweep.json or pipeline.json.*finished local run*")
            .Which.FileName.Should().Be(Path.Combine(temp.Path, "sweep.json"));
    }

    [Fact]
    public void A_run_that_has_not_finished_is_named_as_such()
    {
        using var temp = new TempFolder();
        temp.Write("journal.jsonl", "{}\n");

        var act = () => LocalRunResults.Read(temp.Path);

        act.Should().Throw<FileNotFoundException>().WithMessage("*has not finished*wait for it, or resume it*");
    }

    [Fact]
    public async Task A_bad_value_is_rejected_naming_the_file_and_the_key()
    {
        using var temp = new TempFolder();
        await using var engine = Engine(temp);
        var result = await RunAsync(engine, BanditSweep(), Options(temp));
        var file = Path.Combine(result.OutputDirectory!, "sweep.json");
        var original = File.ReadAllText(file);

        string Broken(Action<JsonObject> change)
        {
            var json = JsonNode.Parse(original)!.AsObject();
            change(json);
            File.WriteAllText(file, json.ToJsonString());
            var act = () => LocalRunResults.Read(result.OutputDirectory!);
            return act.Should().Throw<InvalidDataException>().Which.Message;
        }

        Broken(j => j["trials"]![0]!["metrics"]!["auc"]![1]!["value"] = "high")
            .Should().Be($"{file}: trials[0].metrics.auc[1].value must be a number, not 'high'.");
        Broken(j => j["trials"]![1]!.AsObject().Remove("status"))
            .Should().Be($"{file}: trials[1].status is missing.");
        Broken(j => j["trials"]![2]!["status"] = "Exploded")
            .Should().Be($"{file}: trials[2].status 'Exploded' is not one of Queued, Running, Completed, Failed, Terminated, Canceled.");
        Broken(j => j["decisions"]![0]!["timestamp"] = "yesterday")
            .Should().Be($"{file}: decisions[0].timestamp must be an ISO 8601 timestamp.");
        Broken(j => j["best"]!["trialId"] = "nobody")
            .Should().Be($"{file}: best.trialId names trial 'nobody', which is not in 'trials'.");
        Broken(j => j["warnings"] = new JsonObject())
            .Should().Be($"{file}: warnings must be an array, not Object.");
        File.WriteAllText(file, "{\"runId\": ");
        FluentActions.Invoking(() => LocalRunResults.Read(result.OutputDirectory!))
            .Should().Throw<InvalidDataException>().WithMessage($"{file}: not valid JSON*");
    }

    [Fact]
    public async Task A_pipeline_step_folder_that_is_gone_is_named()
    {
        using var temp = new TempFolder();
        temp.Write("ok.py", "print('done')\n");
        var pipeline = Pipeline.Create("p").Step("only", "ok.py", s => s.Output("--out")).Build();
        await using var engine = Engine(temp);
        var result = await RunAsync(engine, pipeline, Options(temp));
        Directory.Delete(Path.Combine(result.OutputDirectory!, "steps", "only"), recursive: true);

        var act = () => LocalRunResults.Read(result.OutputDirectory!);

        act.Should().Throw<InvalidDataException>()
            .WithMessage($"{Path.Combine(result.OutputDirectory!, "pipeline.json")}: steps[0].folder: step 'only' has no {Path.Combine(result.OutputDirectory!, "steps", "only", "sweep.json")}.");
    }
}
