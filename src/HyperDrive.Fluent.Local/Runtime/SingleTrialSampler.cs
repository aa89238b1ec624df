namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>Proposes one empty parameter set: how a pipeline's command step runs as a one-trial execution.</summary>
internal sealed class SingleTrialSampler : ISampler
{
    private static readonly IReadOnlyDictionary<string, object> NoParameters =
        new Dictionary<string, object>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object>? Propose(int trialNumber, SamplerHistory history) =>
        trialNumber == 0 ? NoParameters : null;
}
