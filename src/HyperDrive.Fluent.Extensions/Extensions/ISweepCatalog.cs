using System.Diagnostics.CodeAnalysis;

namespace HyperDrive.Fluent.Extensions;

/// <summary>The named sweep and pipeline definitions added with <c>AddSweep</c> and <c>AddPipeline</c>. Each definition
/// is built once, on first use (or when the host starts, where an invalid one stops the host with its name and
/// problems).</summary>
public interface ISweepCatalog
{
    /// <summary>Gets the registered names, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Gets the definition registered as <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddSweep</c> or <c>AddPipeline</c>.</param>
    /// <returns>The built, validated definition.</returns>
    /// <exception cref="KeyNotFoundException">No definition has that name; the message lists the registered
    /// names.</exception>
    /// <exception cref="InvalidOperationException">The definition could not be built or is not valid; the inner
    /// exception says why.</exception>
    JobDefinition Get(string name);

    /// <summary>Gets the definition registered as <paramref name="name"/>, if there is one.</summary>
    /// <param name="name">The name.</param>
    /// <param name="definition">The definition, when found.</param>
    /// <returns><see langword="true"/> when a definition has that name.</returns>
    /// <exception cref="InvalidOperationException">The definition could not be built or is not valid.</exception>
    bool TryGet(string name, [NotNullWhen(true)] out JobDefinition? definition);
}
