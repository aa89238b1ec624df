namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>An integer drawn uniformly from [0, upper) (Azure: <c>randint(upper)</c>; the upper bound is
/// exclusive).</summary>
public sealed record RandIntDistribution : Distribution
{
    /// <summary>Initializes a new <c>randint</c> distribution.</summary>
    /// <param name="upper">The exclusive upper bound (greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upper"/> is 0 or less.</exception>
    public RandIntDistribution(long upper)
    {
        if (upper <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(upper), upper, "'upper' (the exclusive upper bound of randint) must be greater than 0.");
        }

        Upper = upper;
    }

    /// <inheritdoc />
    public override DistributionKind Kind => DistributionKind.RandInt;

    /// <summary>Gets the exclusive upper bound.</summary>
    public long Upper { get; }
}
