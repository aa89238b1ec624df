namespace HyperDrive.Fluent.Testing.Contract;

/// <summary>One way a JSON body breaks the REST contract.</summary>
/// <param name="Path">Where, as a JSON path (<c>$.properties.limits.maxTotalTrials</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record RestContractViolation(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
