using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Tests.Conformance;

/// <summary>The part of a conformance test every engine shares: drive a started run through its scenario (cancel it once
/// a trial started, where the scenario says so), wait for the result, log it and check it against the scenario. Each
/// engine's test only builds its engine and the scripted trials.</summary>
public static class ConformanceRun
{
    /// <summary>Runs a started sweep to its end as <paramref name="scenario"/> says and checks the result.</summary>
    /// <param name="run">The run, started from <see cref="ConformanceScenarios.Sweep"/>.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="engine">The engine's name, for the log.</param>
    /// <param name="log">Where the result's description goes (the test's output).</param>
    /// <param name="engineEvaluatesPolicy">Whether the engine evaluates the policy itself (so its decisions are compared).</param>
    /// <returns>The result.</returns>
    public static async Task<SweepResult> CompleteAndCheckAsync(SweepRun run, ConformanceScenario scenario, string engine, Action<string> log, bool engineEvaluatesPolicy)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(log);
        if (scenario.CancelAfterStart)
        {
            await foreach (var update in run.WatchAsync())
            {
                if (update.Kind == TrialUpdateKind.Started)
                {
                    break;
                }
            }

            await run.CancelAsync();
        }

        var result = await run.WaitForCompletionAsync();
        log(ConformanceScenarios.Describe(scenario, engine, result));
        ConformanceScenarios.Check(scenario, result, engineEvaluatesPolicy);
        return result;
    }
}
