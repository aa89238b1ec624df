namespace HyperDrive.Fluent;

/// <summary>The direction of a sweep's objective.</summary>
public enum ObjectiveGoal
{
    /// <summary>Larger values of the primary metric are better.</summary>
    Maximize,

    /// <summary>Smaller values of the primary metric are better.</summary>
    Minimize,
}
