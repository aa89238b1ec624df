namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>One field that differs between a run's recorded definition and the one given to resume it.</summary>
/// <param name="Path">The field (<c>searchSpace.--alpha</c>, <c>limits.maxTotalTrials</c>).</param>
/// <param name="Was">The recorded value, as JSON.</param>
/// <param name="Now">The value given now, as JSON.</param>
/// <param name="Compatible">Whether the change keeps every finished trial valid (limits, early termination).</param>
internal sealed record FingerprintChange(string Path, string Was, string Now, bool Compatible);
