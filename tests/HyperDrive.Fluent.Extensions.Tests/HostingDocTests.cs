using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSubstitute;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Extensions.Tests;

/// <summary>docs/hosting.md as it is written (the page itself is copied next to the tests): its appsettings.json starts a
/// host, and its telemetry section names every event id and telemetry name the code has.</summary>
public partial class HostingDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "hosting.md"));

    private static string AppSettings() =>
        JsonBlock().Matches(Page).Should().ContainSingle("hosting.md shows one appsettings.json").Which.Groups["json"].Value;

    [Theory]
    [InlineData(null)]        // as written: the local engine
    [InlineData("AzureML")]   // the page's one edit to run on Azure ML
    public async Task The_appsettings_example_starts_a_host_as_written(string? engine)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings())));
        if (engine is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("HyperDrive:Engine", engine)]);
        }

        // The registration the page shows (a trainer of our own in place of Trainers.RidgeAsync).
        builder.Services.AddHyperDrive(builder.Configuration.GetSection("HyperDrive"))
            .AddSweep("ridge", s => s.For((ctx, ct) =>
                {
                    ctx.Report("r2", 0.5 - Math.Abs(ctx.Parameters.GetDouble("alpha") - 0.4));
                    return Task.CompletedTask;
                })
                .Sample("alpha", Uniform(0.05, 1.0))
                .Maximize("r2")
                .Bandit(2, 0.1)
                .Runs(4, 2));
        builder.Services.AddAzureMLSweepEngine(builder.Configuration.GetSection("HyperDrive:AzureML"), Substitute.For<TokenCredential>());
        using var host = builder.Build();

        await host.StartAsync(); // options are validated and the chosen engine is created here

        host.Services.GetRequiredService<ISweepEngine>().Name.Should().Be(engine is null ? "local" : "azureml");
        var options = host.Services.GetRequiredService<IOptions<HyperDriveOptions>>().Value;
        options.Local.OutputRoot.Should().Be("./.hyperdrive/runs");
        options.Local.MaxConcurrentTrials.Should().Be(2);
        options.Local.DefaultSeed.Should().Be(42);
        var azure = host.Services.GetRequiredKeyedService<ISweepEngine>(AzureMLServiceCollectionExtensions.EngineName);
        azure.Should().BeOfType<AzureMLSweepEngine>("the AzureML section is valid as written, whichever engine is chosen");
        host.Services.GetRequiredService<HyperDriveClient>().WorkspaceId.ToString().Should()
            .Be("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ml-rg/providers/Microsoft.MachineLearningServices/workspaces/ml-ws");
        host.Services.GetRequiredService<ISweepCatalog>().Get("ridge").Should().BeOfType<SweepDefinition>();
        await host.StopAsync();
    }

    [Fact]
    public void The_telemetry_section_names_the_namespace_and_every_event_id()
    {
        Page.Should().Contain($"`{typeof(HyperDriveTelemetry).Namespace}` namespace");
        var ids = typeof(HyperDriveEventIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).ToList();
        ids.Should().HaveCountGreaterThan(10);
        foreach (var id in ids)
        {
            Page.Should().Contain($"| {id.GetRawConstantValue()} | `{id.Name}` |", "every event id is listed with its name");
        }

        Page.Should().Contain($"`ActivitySource` `{HyperDriveTelemetry.ActivitySourceName}`")
            .And.Contain($"`Meter` `{HyperDriveTelemetry.MeterName}`")
            .And.Contain($"category `{HyperDriveTelemetry.LoggerCategory}`")
            .And.Contain($"span `{HyperDriveTelemetry.SweepActivityName}`")
            .And.Contain($"child `{HyperDriveTelemetry.TrialActivityName}`");
        foreach (var instrument in typeof(HyperDriveTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name.EndsWith("Instrument", StringComparison.Ordinal)))
        {
            Page.Should().Contain($"`{instrument.GetRawConstantValue()}`");
        }
    }

    [GeneratedRegex(@"```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
