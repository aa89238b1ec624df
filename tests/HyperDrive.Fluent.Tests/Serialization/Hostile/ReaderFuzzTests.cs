using HyperDrive.Fluent.Fuzzing;
using HyperDrive.Fluent.Serialization;
using HyperDrive.Fluent.Tests.Serialization.Yaml;

namespace HyperDrive.Fluent.Tests.Serialization.Hostile;

/// <summary>
/// Issue 15: a few thousand seeded mutations of the real corpus (YAML job files and recorded REST JSON) through the public
/// readers, in-process. Each read either returns a job (which then writes and reads back) or throws
/// <see cref="AzureMLFormatException"/>; anything else is a crash and fails the test with the seeds to reproduce it.
/// The time and memory budget per call (2 s, 200 MB) is measured by the <c>reader-fuzz</c> benchmark, not here.
/// </summary>
public class ReaderFuzzTests
{
    private const int MutationsPerFile = 120;

    private static string JsonDirectory => Path.Combine(AppContext.BaseDirectory, "Serialization", "Json", "TestData");

    [Fact]
    public void Mutated_corpus_files_are_read_or_rejected_cleanly_never_crash()
    {
        var yamlFiles = YamlCorpus.JobFiles.Select(YamlCorpus.PathOf).ToList();
        var jsonFiles = Directory.EnumerateFiles(JsonDirectory, "*.json").Order(StringComparer.Ordinal).ToList();
        var crashes = new List<string>();
        var (tried, read, rejected) = (0, 0, 0);
        foreach (var (file, index) in yamlFiles.Concat(jsonFiles).Select((f, i) => (f, i)))
        {
            var original = File.ReadAllText(file);
            for (var m = 0; m < MutationsPerFile; m++)
            {
                var seed = (index * 10_007) + m;
                var text = CorpusMutator.Mutate(original, seed);
                tried++;
                try
                {
                    switch (ReaderRoundTrip.Check(file, text, out var ex))
                    {
                        case ReadOutcome.Read:
                            read++;
                            break;
                        case ReadOutcome.ReadsBackDifferent:
                            crashes.Add($"{Path.GetFileName(file)} seed {seed}: reads back different after writing");
                            break;
                        default:
                            ex!.File.Should().Be(file);
                            if (!file.EndsWith(".json", StringComparison.Ordinal) && ex.Line is null && !ex.Message.Contains("over the limit", StringComparison.Ordinal) && !ex.Message.Contains("document is empty", StringComparison.Ordinal))
                            {
                                crashes.Add($"{Path.GetFileName(file)} seed {seed}: rejected without a line: {ex.Message}");
                            }

                            rejected++;
                            break;
                    }
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
                {
                    crashes.Add($"{Path.GetFileName(file)} seed {seed}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]} at {string.Join(" < ", (ex.StackTrace ?? string.Empty).Split('\n').Take(4).Select(l => l.Trim()))}");
                }
            }
        }

        string.Join("\n", crashes.Take(20)).Should().BeEmpty($"every input is read or rejected with AzureMLFormatException ({tried} tried, {read} read, {rejected} rejected)");
        tried.Should().BeGreaterThan(2000);
        rejected.Should().BeGreaterThan(tried / 4, "most mutations break the document");
    }
}
