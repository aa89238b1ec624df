namespace HyperDrive.Fluent.Local;

/// <summary>
/// Proposes the parameters of the local engine's trials. Proposals are a pure function of the seed, the trial number
/// and the history, so a resumed sweep proposes exactly what the interrupted one would have.
/// </summary>
internal interface ISampler
{
    /// <summary>Proposes the parameters of trial <paramref name="trialNumber"/>.</summary>
    /// <param name="trialNumber">The 0-based trial number.</param>
    /// <param name="history">The trials proposed so far (finished ones with their objective values, pending ones
    /// without).</param>
    /// <returns>The parameters by search-space key (<see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
    /// <see cref="bool"/>, or <c>IReadOnlyDictionary&lt;string, object&gt;</c> for object choices), or
    /// <see langword="null"/> when the space is exhausted (a finished grid).</returns>
    IReadOnlyDictionary<string, object>? Propose(int trialNumber, SamplerHistory history);
}
