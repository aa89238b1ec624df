namespace HyperDrive.Fluent.Tests.Serialization.Yaml;

/// <summary>The copy of the shared YAML corpus under TestData/corpus/yaml (see its INDEX.md and SOURCE.md).</summary>
internal static class YamlCorpus
{
    public const string HelloWorldPipeline = "azure-sdk-for-python__test_configs__pipeline_jobs__helloworld_pipeline_job_with_sweep_node.yml";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", "yaml");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The job files: top-level files named after their origin (<c>repo__path</c>); train.yml/predict.yml are components.</summary>
    public static IReadOnlyList<string> JobFiles =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Select(Path.GetFileName)
            .Where(n => n!.Contains("__", StringComparison.Ordinal) && (n.EndsWith(".yml", StringComparison.Ordinal) || n.EndsWith(".yaml", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList()!;

    public static IReadOnlyList<string> LegacyFiles =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "legacy-preview-2021")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
