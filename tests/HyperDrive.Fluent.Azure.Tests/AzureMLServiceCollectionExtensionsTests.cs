using Azure.Core;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Extensions;
using HyperDrive.Fluent.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>The Azure ML registration (<c>AddHyperDriveClient</c>, <c>AddAzureMLSweepEngine</c>) and choosing it by name
/// with <c>AddHyperDrive</c>.</summary>
public class AzureMLServiceCollectionExtensionsTests
{
    private const string Workspace = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws";

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static async Task<Exception> StartFailure(Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        configure(builder);
        using var host = builder.Build();
        var act = () => host.StartAsync();
        return (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
    }

    [Fact]
    public async Task Configuration_chooses_the_Azure_ML_engine_with_its_settings()
    {
        var config = Config(
            ("HyperDrive:Engine", "AzureML"),
            ("HyperDrive:AzureML:WorkspaceId", Workspace),
            ("HyperDrive:AzureML:Endpoint", "https://management.chinacloudapi.cn"),
            ("HyperDrive:AzureML:ApiVersion", "2024-04-01"),
            ("HyperDrive:AzureML:PollInterval", "00:00:02"));
        var services = new ServiceCollection();
        services.AddHyperDrive(config.GetSection("HyperDrive"));
        services.AddAzureMLSweepEngine(config.GetSection("HyperDrive:AzureML"), Substitute.For<TokenCredential>());
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ISweepEngine>();

        engine.Should().BeOfType<InstrumentedSweepEngine>().Which.InnerEngine.Should().BeOfType<AzureMLSweepEngine>();
        engine.Name.Should().Be("azureml");
        provider.GetRequiredKeyedService<ISweepEngine>(AzureMLServiceCollectionExtensions.EngineName)
            .Should().BeSameAs(provider.GetRequiredService<AzureMLSweepEngine>());
        provider.GetRequiredService<HyperDriveClient>().WorkspaceId.WorkspaceName.Should().Be("ws");
    }

    [Fact]
    public async Task A_client_registered_in_code_takes_the_container_credential_and_options()
    {
        var credential = Substitute.For<TokenCredential>();
        var services = new ServiceCollection();
        services.AddSingleton(credential);
        services.AddHyperDriveClient(Workspace, configureClient: o => o.ArmEndpoint = new Uri("https://management.usgovcloudapi.net"));
        services.AddAzureMLSweepEngine(o => o with { RegisterBestModel = false });
        services.AddHyperDrive().UseEngine(AzureMLServiceCollectionExtensions.EngineName);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ISweepEngine>().Name.Should().Be("azureml");
        provider.GetRequiredService<HyperDriveClient>().WorkspaceId.WorkspaceName.Should().Be("ws");
    }

    [Fact]
    public void A_workspace_id_that_is_not_one_fails_at_the_call()
    {
        var act = () => new ServiceCollection().AddHyperDriveClient("my-workspace");

        act.Should().Throw<FormatException>().WithMessage("*my-workspace*");
    }

    [Fact]
    public async Task A_missing_workspace_id_stops_the_host_naming_the_key_when_Azure_ML_is_chosen()
    {
        var failure = await StartFailure(b =>
        {
            var config = Config(("HyperDrive:Engine", "AzureML"));
            b.Services.AddHyperDrive(config.GetSection("HyperDrive"));
            b.Services.AddAzureMLSweepEngine(config.GetSection("HyperDrive:AzureML"), Substitute.For<TokenCredential>());
        });

        failure.Message.Should().Contain("HyperDrive:AzureML:WorkspaceId is required to use the Azure ML engine");
    }

    [Fact]
    public async Task A_registered_but_unused_Azure_ML_engine_needs_no_workspace()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = Config(("HyperDrive:Engine", "Local"), ("HyperDrive:Local:OutputRoot", Path.GetTempPath()));
        builder.Services.AddHyperDrive(config.GetSection("HyperDrive"));
        builder.Services.AddAzureMLSweepEngine(config.GetSection("HyperDrive:AzureML"));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        host.Services.GetRequiredService<ISweepEngine>().Name.Should().Be("local");
    }

    [Fact]
    public async Task No_credential_stops_the_host_saying_how_to_give_one()
    {
        var failure = await StartFailure(b =>
        {
            var config = Config(("HyperDrive:Engine", "AzureML"), ("HyperDrive:AzureML:WorkspaceId", Workspace));
            b.Services.AddHyperDrive(config.GetSection("HyperDrive"));
            b.Services.AddAzureMLSweepEngine(config.GetSection("HyperDrive:AzureML"));
        });

        failure.Message.Should().Contain("The Azure ML client has no credential: pass one to AddHyperDriveClient/AddAzureMLSweepEngine");
    }

    [Fact]
    public async Task Validation_names_keys_under_the_section_the_settings_came_from()
    {
        var failure = await StartFailure(b => b.Services.AddAzureMLSweepEngine(Config(
            ("Tuning:AzureML:WorkspaceId", "my-workspace"),
            ("Tuning:AzureML:Endpoint", "http://management.example.com"),
            ("Tuning:AzureML:ApiVersion", "2023-01-01"),
            ("Tuning:AzureML:PollInterval", "-00:00:01")).GetSection("Tuning:AzureML")));

        failure.Message.Should()
            .Contain("Tuning:AzureML:WorkspaceId 'my-workspace' is not a workspace resource id")
            .And.Contain("Tuning:AzureML:Endpoint 'http://management.example.com/' must be an absolute https URI")
            .And.Contain("Tuning:AzureML:ApiVersion '2023-01-01' is not supported: use one of 2024-04-01, 2024-10-01, 2025-09-01")
            .And.Contain("Tuning:AzureML:PollInterval must be a positive duration");
    }
}
