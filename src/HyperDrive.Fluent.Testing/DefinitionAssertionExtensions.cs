namespace HyperDrive.Fluent.Testing;

/// <summary>Entry points of the definition assertions: <c>definition.Should().Maximize("r2")</c>.</summary>
public static class DefinitionAssertionExtensions
{
    /// <summary>Starts assertions on a sweep definition.</summary>
    /// <param name="definition">The sweep.</param>
    /// <returns>The assertions.</returns>
    public static SweepDefinitionAssertions Should(this SweepDefinition? definition) => new(definition);

    /// <summary>Starts assertions on a pipeline definition.</summary>
    /// <param name="definition">The pipeline.</param>
    /// <returns>The assertions.</returns>
    public static PipelineDefinitionAssertions Should(this PipelineDefinition? definition) => new(definition);
}
