namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// Which model coordinates share a fitted length scale: each uniform or quniform parameter has its own; the one-hot
/// coordinates of a choice share one, scaled by 1/√2 so that two different values are exactly one length scale apart
/// (an overlap, or Hamming, kernel on the choice: every pair of distinct values is equally dissimilar, and the choice
/// costs one hyperparameter however many values it has).
/// </summary>
internal sealed class LengthScaleGroups
{
    /// <summary>½ log 2: the log offset of a one-hot coordinate's length scale from its group's.</summary>
    public const double OneHotLogOffset = 0.34657359027997264;

    /// <summary>Initializes the groups.</summary>
    /// <param name="groupOf">The group of each model coordinate.</param>
    /// <param name="logOffset">Each coordinate's log length scale minus its group's.</param>
    public LengthScaleGroups(int[] groupOf, double[] logOffset)
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(logOffset);
        if (groupOf.Length != logOffset.Length)
        {
            throw new ArgumentException("One group and one offset per coordinate.", nameof(logOffset));
        }

        GroupOf = groupOf;
        LogOffset = logOffset;
        Count = groupOf.Length == 0 ? 0 : groupOf.Max() + 1;
    }

    /// <summary>Gets the group of each model coordinate.</summary>
    public int[] GroupOf { get; }

    /// <summary>Gets each coordinate's log length scale minus its group's.</summary>
    public double[] LogOffset { get; }

    /// <summary>Gets the number of groups (fitted length scales).</summary>
    public int Count { get; }

    /// <summary>Gets the number of model coordinates.</summary>
    public int Dimensions => GroupOf.Length;

    /// <summary>Gets one group per coordinate (plain ARD).</summary>
    /// <param name="dimensions">The number of coordinates.</param>
    /// <returns>The groups.</returns>
    public static LengthScaleGroups Independent(int dimensions) =>
        new(Enumerable.Range(0, dimensions).ToArray(), new double[dimensions]);

    /// <summary>Expands group log length scales into per-coordinate ones.</summary>
    /// <param name="groupLog">The groups' log length scales.</param>
    /// <param name="coordinateLog">Receives each coordinate's log length scale.</param>
    public void Expand(ReadOnlySpan<double> groupLog, Span<double> coordinateLog)
    {
        for (var j = 0; j < GroupOf.Length; j++)
        {
            coordinateLog[j] = groupLog[GroupOf[j]] + LogOffset[j];
        }
    }
}
