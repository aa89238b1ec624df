using HyperDrive.Fluent.Extensions;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using HyperDrive.Fluent.Telemetry;
using HyperDrive.Fluent.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Extensions.Tests.Extensions;

public class RegistrationTests
{
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
    public void Calling_AddHyperDrive_twice_registers_nothing_twice()
    {
        var once = new ServiceCollection();
        once.AddHyperDrive();
        var twice = new ServiceCollection();
        twice.AddHyperDrive();
        twice.AddHyperDrive();

        twice.Select(d => (d.ServiceType, d.ServiceKey)).Should().Equal(once.Select(d => (d.ServiceType, d.ServiceKey)));
        twice.Should().ContainSingle(d => d.ServiceType == typeof(ISweepEngine) && d.ServiceKey == null);
        twice.Should().ContainSingle(d => d.ServiceType == typeof(ISweepCatalog));
    }

    [Fact]
    public async Task Nothing_is_built_or_read_until_it_is_resolved()
    {
        var built = 0;
        var services = new ServiceCollection();
        services.AddHyperDrive(Config(("HyperDrive:Engine", "Local")).GetSection("HyperDrive"))
            .AddSweep("ridge", s =>
            {
                built++;
                return s.For("02_train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2");
            });

        await using var provider = services.BuildServiceProvider();
        built.Should().Be(0);

        var catalog = provider.GetRequiredService<ISweepCatalog>();
        catalog.Names.Should().Equal("ridge");
        built.Should().Be(0);
        catalog.Get("ridge").Should().BeOfType<SweepDefinition>().Which.Objective.PrimaryMetric.Should().Be("r2");
        catalog.Get("ridge").Should().BeSameAs(catalog.Get("ridge"));
        built.Should().Be(1);
    }

    [Fact]
    public async Task The_engine_is_local_by_default_and_wrapped_in_telemetry()
    {
        var services = new ServiceCollection();
        services.AddHyperDrive();
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<ISweepEngine>();

        engine.Should().BeOfType<InstrumentedSweepEngine>().Which.InnerEngine.Should().BeOfType<LocalSweepEngine>();
        engine.Name.Should().Be("local");
        provider.GetRequiredKeyedService<ISweepEngine>(HyperDriveOptions.LocalEngine).Should().BeSameAs(provider.GetRequiredService<LocalSweepEngine>());
    }

    [Fact]
    public async Task Configuration_switches_the_engine_without_host_code_knowing()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<ISweepEngine>("AzureML", new FakeSweepEngine { Name = "fake-azureml" });
        services.AddHyperDrive(Config(
            ("HyperDrive:Engine", "AzureML")).GetSection("HyperDrive"));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ISweepEngine>().Name.Should().Be("fake-azureml", "the engine is the one registered under the configured name");
    }

    [Fact]
    public async Task Code_wins_over_configuration_and_Configure_methods_do_not_choose()
    {
        var services = new ServiceCollection();
        services.AddHyperDrive(Config(("HyperDrive:Engine", "AzureML"), ("HyperDrive:Local:MaxConcurrentTrials", "3")).GetSection("HyperDrive"))
            .UseLocal(o => o.DefaultSeed = 7);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HyperDriveOptions>>().Value;
        options.Engine.Should().Be(HyperDriveOptions.LocalEngine);
        options.Local.MaxConcurrentTrials.Should().Be(3);
        options.Local.DefaultSeed.Should().Be(7);
    }

    [Fact]
    public async Task Validation_names_keys_under_the_section_the_options_came_from()
    {
        var failure = await StartFailure(b => b.Services.AddHyperDrive(Config(
            ("Tuning:HyperDrive:Local:MaxConcurrentTrials", "0"),
            ("Tuning:HyperDrive:Local:OutputRoot", " ")).GetSection("Tuning:HyperDrive")));

        failure.Message.Should()
            .Contain("Tuning:HyperDrive:Local:MaxConcurrentTrials must be 1 or more (it is 0)")
            .And.Contain("Tuning:HyperDrive:Local:OutputRoot must name a folder");
    }

    [Fact]
    public async Task An_engine_name_without_an_engine_stops_the_host()
    {
        var failure = await StartFailure(b => b.Services.AddHyperDrive(o => o.Engine = "AzureML"));

        failure.Message.Should().Contain(
            "HyperDrive:Engine is 'AzureML', but no engine named 'AzureML' is registered: register one with " +
            "services.AddKeyedSingleton<ISweepEngine>(\"AzureML\", ...) (for Azure ML, services.AddAzureMLSweepEngine(...)");
    }

    [Fact]
    public async Task A_blank_engine_name_stops_the_host()
    {
        var failure = await StartFailure(b => b.Services.AddHyperDrive(o => o.Engine = " "));

        failure.Message.Should().Contain("HyperDrive:Engine is blank: name a registered engine such as Local");
    }

    [Fact]
    public async Task An_invalid_sweep_stops_the_host_with_its_name()
    {
        var failure = await StartFailure(b => b.Services.AddHyperDrive()
            .AddSweep("grid", s => s.For("train.py").Sample("--alpha", Uniform(0, 1)).GridSampling().Maximize("r2"))
            .AddSweep("ridge", s => s.For("train.py").Sample("--alpha", Uniform(0, 1)).Maximize("r2")));

        failure.Message.Should().StartWith("The sweep 'grid' could not be built: The sweep definition is not valid.")
            .And.Contain("search_space.alpha");
    }

    [Fact]
    public async Task A_duplicate_sweep_name_stops_the_host()
    {
        var failure = await StartFailure(b => b.Services.AddHyperDrive()
            .AddSweep("ridge", s => s.For("train.py").Sample("--alpha", Uniform(0, 1)).Maximize("r2"))
            .AddSweep("ridge", s => s.For("train.py").Sample("--alpha", Uniform(0, 1)).Maximize("r2")));

        failure.Message.Should().Be("The sweep name 'ridge' is registered more than once; give each AddSweep/AddPipeline call its own name.");
    }

    [Fact]
    public async Task The_catalog_names_the_sweeps_it_has_when_asked_for_another()
    {
        var services = new ServiceCollection();
        services.AddHyperDrive()
            .AddSweep("ridge", s => s.For("train.py").Sample("--alpha", Uniform(0, 1)).Maximize("r2"))
            .AddPipeline("pipeline", _ => Pipeline.Create("p").Step("prep", "prep.py").Build());
        await using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<ISweepCatalog>();

        var act = () => catalog.Get("lasso");

        act.Should().Throw<KeyNotFoundException>().WithMessage(
            "No sweep or pipeline named 'lasso' is registered (registered: ridge, pipeline). Add it with services.AddHyperDrive().AddSweep(\"lasso\", s => s.For(...)).");
        catalog.TryGet("pipeline", out var pipeline).Should().BeTrue();
        pipeline.Should().BeOfType<PipelineDefinition>();
    }

    [Fact]
    public void The_package_does_not_reference_Azure()
    {
        var references = typeof(HyperDriveOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().Contain("HyperDrive.Fluent.Local")
            .And.NotContain(n => n.StartsWith("Azure", StringComparison.Ordinal) || n == "HyperDrive.Fluent.Azure");
    }

    [Fact]
    public async Task A_valid_configuration_starts_the_host()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("HyperDrive:Engine", "Local"), new("HyperDrive:Local:OutputRoot", Path.GetTempPath())]);
        builder.Services.AddHyperDrive(builder.Configuration.GetSection("HyperDrive"))
            .AddSweep("ridge", s => s.For("train.py").Sample("--alpha", Uniform(0, 1)).Maximize("r2"));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        host.Services.GetRequiredService<IOptions<HyperDriveOptions>>().Value.Local.OutputRoot.Should().Be(Path.GetTempPath());
    }
}
