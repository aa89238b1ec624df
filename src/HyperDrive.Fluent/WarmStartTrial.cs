namespace HyperDrive.Fluent;

/// <summary>One earlier trial that seeds a sweep (see <see cref="WarmStart"/>).</summary>
/// <param name="Parameters">Its parameters by search-space key (<see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="bool"/>, or a map for an object choice).</param>
/// <param name="Value">Its best value of the primary metric, or <see langword="null"/> when it failed or reported none
/// (it then only keeps samplers from proposing the same parameters again).</param>
public sealed record WarmStartTrial(EquatableMap<object> Parameters, double? Value);
