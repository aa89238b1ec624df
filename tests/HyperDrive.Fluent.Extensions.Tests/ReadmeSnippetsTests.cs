using Azure.Core;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Extensions;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Extensions.Tests;

/// <summary>The README's snippets, compiled and run (keep the two in step).</summary>
public class ReadmeSnippetsTests
{
    private const string WorkspaceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";

    private static SweepDefinition SeedSweep() =>
        Sweep.For("02_train.py")
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Bandit(2, 0.1)
            .Runs(4, 2)
            .Build();

    [Fact]
    public async Task Run_it_here_scale_out_on_Azure_ML()
    {
        var sweep = Sweep.For(async (TrialContext ctx, CancellationToken ct) =>
            {
                var alpha = ctx.Parameters.GetDouble("alpha");
                ctx.Report("r2", 0.3 - Math.Abs(alpha - 0.4), 0);
                ctx.Report("r2", 0.35 - Math.Abs(alpha - 0.4), 1);
                await Task.Yield();
            })
            .Sample("alpha", Uniform(0.05, 1.0)).Maximize("r2").Bandit(2, 0.1).Runs(4, 2).Build();
        var root = Directory.CreateTempSubdirectory("hyperdrive-readme-");
        try
        {
            await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { OutputRoot = root.FullName });
            await using var run = await engine.StartAsync(sweep);
            SweepResult result = await run.WaitForCompletionAsync();

            result.Trials.Should().HaveCount(4);
            result.BestTrial.Should().NotBeNull();
            File.Exists(Path.Combine(result.OutputDirectory!, "sweep.json")).Should().BeTrue();
        }
        finally
        {
            root.Delete(recursive: true);
        }

        var seed = SeedSweep();
        var client = new HyperDriveClient(WorkspaceId, Substitute.For<TokenCredential>());
        var azure = new AzureMLSweepEngine(client);
        azure.Name.Should().Be("azureml");
        string yaml = AzureMLYaml.Write(seed);
        string body = AzureMLJson.Write(seed, new() { WorkspaceId = WorkspaceId });
        yaml.Should().Contain("type: sweep");
        body.Should().Contain("\"jobType\": \"Sweep\"");
    }

    [Fact]
    public async Task In_a_host_app_and_in_your_tests()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["HyperDrive:Engine"] = "Local" });
        builder.Services.AddHyperDrive(builder.Configuration.GetSection("HyperDrive"))
            .AddSweep("ridge", s => s.For("02_train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2").Runs(4, 2));
        using var host = builder.Build();
        host.Services.GetRequiredService<ISweepCatalog>().Get("ridge").Should().BeOfType<SweepDefinition>();
        host.Services.GetRequiredService<ISweepEngine>().Name.Should().Be("local");

        var sweep = SeedSweep();
        sweep.Should().Sample("alpha").FromUniform(0.05, 1.0).And.Maximize("r2").And.UseBandit(2, 0.1).And.HaveLimits(4, 2);
        var fake = new FakeSweepEngine().Script(t => t.Report("r2", 0.41, 0.44));
        await using var run = await fake.StartAsync(sweep);
        (await run.WaitForCompletionAsync()).Trials.Should().HaveCount(4);
    }
}
