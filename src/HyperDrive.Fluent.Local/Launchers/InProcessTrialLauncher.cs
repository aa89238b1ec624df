using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Runtime;

namespace HyperDrive.Fluent.Local.Launchers;

/// <summary>Runs a sweep's in-process trial delegate (<see cref="SweepDefinition.InProcessTrial"/>) with a
/// <see cref="TrialContext"/> whose reports go to the scheduler.</summary>
internal sealed class InProcessTrialLauncher(Func<TrialContext, CancellationToken, Task> trial) : ITrialLauncher
{
    public async Task<TrialExit> RunAsync(TrialState state, ITrialSink sink, CancellationToken stop)
    {
        var outputs = sink.OutputFolders;
        var context = new TrialContext(
            state.Id,
            state.Number,
            new TrialParameters(state.Parameters),
            state.OutputDirectory ?? string.Empty,
            outputs,
            value => sink.Metric(value, "report", explicitStep: true),
            sink.Time,
            createOutputDirectoryOnFirstUse: outputs.Count == 0);
        await trial(context, stop).WaitAsync(stop).ConfigureAwait(false);
        return TrialExit.Succeeded;
    }
}
