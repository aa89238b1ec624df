using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>The one mapping from the service's job status to the engine-neutral run status (the Azure engine's runs
/// and the dashboard's Azure pages both use it; they used to disagree on statuses this client does not know).</summary>
public class AzureMLJobStatusTests
{
    [Theory]
    [InlineData("NotStarted", SweepRunStatus.NotStarted)]
    [InlineData("Starting", SweepRunStatus.NotStarted)]
    [InlineData("Provisioning", SweepRunStatus.NotStarted)]
    [InlineData("Preparing", SweepRunStatus.NotStarted)]
    [InlineData("Queued", SweepRunStatus.Queued)]
    [InlineData("Running", SweepRunStatus.Running)]
    [InlineData("Finalizing", SweepRunStatus.Running)]
    [InlineData("NotResponding", SweepRunStatus.Running)]
    [InlineData("Paused", SweepRunStatus.Running)]
    [InlineData("CancelRequested", SweepRunStatus.CancelRequested)]
    [InlineData("Completed", SweepRunStatus.Completed)]
    [InlineData("completed", SweepRunStatus.Completed)]
    [InlineData("Failed", SweepRunStatus.Failed)]
    [InlineData("Canceled", SweepRunStatus.Canceled)]
    [InlineData("Hibernating", SweepRunStatus.Running)]
    public void Each_service_status_maps_to_one_run_status(string service, SweepRunStatus expected)
    {
        var status = new AzureMLJobStatus(service);

        status.ToSweepRunStatus().Should().Be(expected);
        status.IsKnown.Should().Be(service != "Hibernating", "an unknown status counts as running, and is said once");
    }
}
