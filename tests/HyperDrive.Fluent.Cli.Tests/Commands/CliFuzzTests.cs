using HyperDrive.Fluent.Fuzzing;

namespace HyperDrive.Fluent.Cli.Tests.Commands;

/// <summary>
/// Issue 15 ("hyperdrive never prints a stack trace for any input in the suite's fuzz corpus"): seeded mutations of the
/// real corpus files (the core tests' corpus, linked) through <c>hyperdrive validate</c> and <c>hyperdrive convert</c>,
/// in-process. Every call ends with exit code 0 or 1 and a message; an exception escaping the tool, a stack trace or an
/// exception type name in its output fails the test with the file and seed to reproduce it.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    private const int MutationsPerFile = 12;

    // A file holds bytes: a lone surrogate the mutator inserts is written as U+FFFD, as an editor would save it.
    private static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly string _folder = Directory.CreateTempSubdirectory("hyperdrive-cli-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Mutated_real_files_give_exit_code_0_or_1_and_a_message_never_a_stack_trace()
    {
        var corpus = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "corpus"))
            .Where(p => Path.GetFileName(p).Contains("__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        corpus.Should().HaveCountGreaterThan(30, "the core tests' corpus is linked into TestData/corpus");
        var problems = new List<string>();
        var (tried, accepted) = (0, 0);
        foreach (var (file, index) in corpus.Select((f, i) => (f, i)))
        {
            var original = await File.ReadAllTextAsync(file);
            for (var m = 0; m < MutationsPerFile; m++)
            {
                var seed = (index * 7_919) + m;
                var path = Path.Combine(_folder, Path.GetFileName(file));
                await File.WriteAllTextAsync(path, CorpusMutator.Mutate(original, seed), Utf8);
                foreach (var args in new[] { new[] { "validate", path }, ["convert", path, "--to", "rest-json", "--omit-local-code"] })
                {
                    tried++;
                    var (exitCode, output, error) = await CliRunner.RunAsync(args);
                    var said = output + error;
                    if (exitCode is not (0 or 1) || said.Contains("   at ", StringComparison.Ordinal) || said.Contains("Exception", StringComparison.Ordinal) || (exitCode == 1 && error.Length == 0))
                    {
                        problems.Add($"{args[0]} {Path.GetFileName(file)} seed {seed}: exit {exitCode}: {error.Split('\n')[0]}");
                    }

                    accepted += exitCode == 0 ? 1 : 0;
                }
            }
        }

        string.Join("\n", problems.Take(20)).Should().BeEmpty($"every mutated file gets a message and exit 0 or 1 ({tried} calls, {accepted} accepted)");
        accepted.Should().BeGreaterThan(0).And.BeLessThan(tried / 2, "most mutations break the file");
    }
}
