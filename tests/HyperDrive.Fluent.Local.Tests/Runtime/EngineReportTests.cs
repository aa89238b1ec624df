using System.Xml;
using System.Xml.Linq;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

/// <summary>The local engine writes <c>report.html</c> next to <c>sweep.json</c> (sweeps) and <c>pipeline.json</c> (pipelines).</summary>
public sealed class EngineReportTests
{
    [Fact]
    public async Task A_local_sweep_writes_report_html_with_every_trial()
    {
        using var temp = new TempFolder();
        var sweep = Sweep.For((TrialContext ctx, CancellationToken _) =>
            {
                var alpha = ctx.Parameters.GetDouble("alpha");
                for (var step = 0; step < 3; step++)
                {
                    ctx.Report("r2", alpha * (step + 1));
                }

                return Task.CompletedTask;
            })
            .Sample("alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Bandit(2, 0.1)
            .Runs(4, 2)
            .Build();
        await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { OutputRoot = temp.Path, DefaultSeed = 7 });

        var run = await engine.StartAsync(sweep, new SweepRunOptions { RunName = "report-sweep" });
        var result = await run.WaitForCompletionAsync();

        var report = Path.Combine(result.OutputDirectory!, "report.html");
        File.Exists(report).Should().BeTrue();
        var document = Load(report);
        document.Descendants("title").First().Value.Should().Be("Sweep report-sweep");
        var ids = document.Descendants("table").First().Element("tbody")!.Elements("tr").Select(r => r.Elements("td").ElementAt(1).Value.TrimEnd(' ', '\u2605'));
        ids.Should().Equal(result.Trials.Select(t => t.Id));
        Directory.GetFiles(result.OutputDirectory!, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task A_local_pipeline_with_bound_steps_writes_a_report_with_a_section_per_step()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/mkdir") || !File.Exists("/bin/ls"))
        {
            // The steps are coreutils commands; the engine's behaviour under test is the same on every OS.
            Assert.Fail("This test needs /bin/mkdir and /bin/ls (Linux or macOS).");
        }

        using var temp = new TempFolder();
        var runFolder = temp.Combine("runs", "report-pipeline");
        var pipeline = Pipeline.Create("report-pipeline")
            .Step("make", "/bin/mkdir -p ${{outputs.data}}/made", s => s.Output("data"))
            .Step("list", "/bin/ls ${{inputs.data}}", s => s.BindInput("data", "make", "data"))
            .Build();
        await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { OutputRoot = temp.Path });

        // The run folder does not exist yet: checking the bound input must not require it.
        var run = await engine.StartAsync(pipeline, new SweepRunOptions { OutputDirectory = runFolder });
        var result = await run.WaitForCompletionAsync();

        result.Status.Should().Be(SweepRunStatus.Completed, result.Error);
        var document = Load(Path.Combine(runFolder, "report.html"));
        document.Descendants("title").First().Value.Should().Be("Pipeline report-pipeline");
        document.Descendants("h2").Select(h => h.Value).Should().ContainInOrder("Steps", "Step make", "Step list");
        File.Exists(Path.Combine(runFolder, "steps", "list", "report.html")).Should().BeTrue("each step folder is a sweep folder with its own report");
    }

    private static XDocument Load(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
