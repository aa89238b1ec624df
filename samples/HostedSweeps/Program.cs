// A generic host that registers two named sweeps with in-process trials (no Python needed), lets appsettings.json
// choose the engine by name (Local by default; "HyperDrive:Engine": "AzureML" with "HyperDrive:AzureML:WorkspaceId" submits
// to Azure ML through the engine AddAzureMLSweepEngine registers),
// runs one sweep in a background service, logs its progress, and stops. Ctrl+C cancels the sweep and every trial.
using Azure.Identity;
using HostedSweeps;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static HyperDrive.Fluent.Distributions;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHyperDrive(builder.Configuration.GetSection("HyperDrive"))
    .AddSweep("ridge", s => s.For(Trainers.RidgeAsync)
        .Sample("alpha", Uniform(0.05, 1.0))
        .Maximize("r2")
        .Bandit(2, 0.1)
        .Runs(4, 2))
    .AddSweep("lasso", s => s.For(Trainers.LassoAsync)
        .Sample("alpha", LogUniformBetween(1e-4, 1.0))
        .Maximize("r2")
        .MedianStopping(1, 2)
        .Runs(6, 3));
builder.Services.AddAzureMLSweepEngine(builder.Configuration.GetSection("HyperDrive:AzureML"), new DefaultAzureCredential());
builder.Services.AddHostedService<SweepWorker>();

await builder.Build().RunAsync();
