using HyperDrive.Fluent.Local;
using Microsoft.Extensions.DependencyInjection;

namespace HyperDrive.Fluent.Extensions;

/// <summary>Chooses the engine and adds named definitions on an <see cref="IHyperDriveBuilder"/>.</summary>
public static class HyperDriveBuilderExtensions
{
    /// <summary>Runs sweeps on this machine (the default) and configures the local engine. Code wins over
    /// configuration: this sets <see cref="HyperDriveOptions.Engine"/> after the configuration is bound; use
    /// <see cref="ConfigureLocal"/> to let configuration choose.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the output folder, concurrency, seed, Python executable, ...;
    /// <see langword="null"/> keeps configuration's.</param>
    /// <returns>The same builder.</returns>
    public static IHyperDriveBuilder UseLocal(
        this IHyperDriveBuilder builder, Action<LocalSweepEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HyperDriveOptions>(o =>
        {
            o.Engine = HyperDriveOptions.LocalEngine;
            configure?.Invoke(o.Local);
        });
        return builder;
    }

    /// <summary>Configures the local engine without choosing it (configuration's <c>Engine</c> decides).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the local engine's settings.</param>
    /// <returns>The same builder.</returns>
    public static IHyperDriveBuilder ConfigureLocal(
        this IHyperDriveBuilder builder, Action<LocalSweepEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<HyperDriveOptions>(o => configure(o.Local));
        return builder;
    }

    /// <summary>Runs sweeps on the engine registered under <paramref name="engineName"/> (a keyed <c>ISweepEngine</c>,
    /// e.g. <c>AzureML</c> after <c>services.AddAzureMLSweepEngine(...)</c>). Code wins over configuration: this sets
    /// <see cref="HyperDriveOptions.Engine"/> after the configuration is bound.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="engineName">The engine's registered name.</param>
    /// <returns>The same builder.</returns>
    public static IHyperDriveBuilder UseEngine(this IHyperDriveBuilder builder, string engineName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(engineName);
        builder.Services.Configure<HyperDriveOptions>(o => o.Engine = engineName);
        return builder;
    }

    /// <summary>Adds a named sweep, built on first use from the DSL: <c>AddSweep("ridge", s =&gt;
    /// s.For("train.py").Sample(...).Maximize("r2"))</c>. Host code gets it from <see cref="ISweepCatalog"/>; the host
    /// checks it when it starts.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The name, unique in the catalog.</param>
    /// <param name="define">Returns the sweep's builder (it is built and validated for you).</param>
    /// <returns>The same builder.</returns>
    public static IHyperDriveBuilder AddSweep(this IHyperDriveBuilder builder, string name, Func<SweepFactory,
        SweepBuilder> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        return Add(builder, name, services =>
        {
            var sweep = define(new SweepFactory(services));
            return sweep is null
                ? throw new InvalidOperationException("The AddSweep callback returned no SweepBuilder.")
                : sweep.Build();
        });
    }

    /// <summary>Adds a named, already built sweep.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The name, unique in the catalog.</param>
    /// <param name="definition">The sweep; validated when the host starts.</param>
    /// <returns>The same builder.</returns>
    public static IHyperDriveBuilder AddSweep(this IHyperDriveBuilder builder, string name, SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Add(builder, name, _ => definition.EnsureValid());
    }

    /// <summary>Adds a named pipeline (command and sweep steps), built on first use.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The name, unique in the catalog.</param>
    /// <param name="define">Builds the pipeline, e.g. <c>_ =&gt;
    /// Pipeline.Create("p").Step(...).Sweep(...).Build()</c>.</param>
    /// <returns>The same builder.</returns>
    public static IHyperDriveBuilder AddPipeline(this IHyperDriveBuilder builder, string name, Func<IServiceProvider,
        PipelineDefinition> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        return Add(builder, name, services =>
        {
            var pipeline = define(services);
            return pipeline is null
                ? throw new InvalidOperationException("The AddPipeline callback returned no PipelineDefinition.")
                : pipeline.EnsureValid();
        });
    }

    private static IHyperDriveBuilder Add(IHyperDriveBuilder builder, string name, Func<IServiceProvider,
        JobDefinition> define)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.Configure<HyperDriveRegistration>(r => r.Sweeps.Add(new SweepRegistration(name, define)));
        return builder;
    }
}
