namespace HyperDrive.Fluent.Sampling;

/// <summary>The sequence random sampling draws from.</summary>
public enum RandomSamplingRule
{
    /// <summary>Pseudo-random draws.</summary>
    Random,

    /// <summary>A scrambled Sobol quasi-random sequence, which fills the space more evenly.</summary>
    Sobol,
}
