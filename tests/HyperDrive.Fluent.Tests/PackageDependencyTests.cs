namespace HyperDrive.Fluent.Tests;

/// <summary>The core package names no engine: a user who only compiles payloads gets no numerics and no Azure.</summary>
public class PackageDependencyTests
{
    [Fact]
    public void The_core_assembly_references_neither_the_local_engine_nor_Azure()
    {
        var references = typeof(SweepDefinition).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().NotContain(n => n.StartsWith("HyperDrive.Fluent.", StringComparison.Ordinal),
            "the core must not depend on HyperDrive.Fluent.Local, .Azure or any other package of the family");
        references.Should().NotContain(n => n.StartsWith("MathNet", StringComparison.Ordinal) || n.StartsWith("Azure", StringComparison.Ordinal));
    }

    [Fact]
    public void No_core_type_lives_in_an_engine_namespace()
    {
        var namespaces = typeof(SweepDefinition).Assembly.GetTypes().Select(t => t.Namespace ?? string.Empty).Distinct().ToList();

        namespaces.Should().NotContain(n => n.StartsWith("HyperDrive.Fluent.Local", StringComparison.Ordinal)
            || n.StartsWith("HyperDrive.Fluent.Azure", StringComparison.Ordinal));
    }
}
