namespace HyperDrive.Fluent.Testing;

/// <summary>The engine's settings, captured when a run starts.</summary>
internal sealed record FakeRunSettings(
    TimeProvider TimeProvider,
    TimeSpan ReportInterval,
    int Seed,
    int DefaultMaxTotalTrials,
    Action<FakeTrial>? Script,
    IReadOnlyDictionary<string, Action<FakeTrial>> StepScripts,
    int? MaxFailedTrials = null)
{
    public Action<FakeTrial>? ScriptFor(string? stepName) =>
        stepName is not null && StepScripts.TryGetValue(stepName, out var script) ? script : Script;
}
