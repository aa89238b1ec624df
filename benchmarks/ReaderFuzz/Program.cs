// HyperDrive.Fluent reader fuzz benchmark (issue 15): the readers' budget on hostile input.
//
//   dotnet run -c Release --project benchmarks/ReaderFuzz [-- --mutations N] [--seed S]
//
// Every AzureMLYaml.Read / AzureMLJson.Read call on a file under 1 MB must finish within 2 s and 200 MB and either return
// a job or throw AzureMLFormatException. Two workloads, each call timed (Stopwatch) and weighed (bytes the call
// allocated, an upper bound of what it held at its peak):
//  (a) seeded mutations of the real corpus the suite reads (tests/HyperDrive.Fluent.Tests: the YAML job files, the
//      added real files and the recorded REST JSON), N per file, through the same CorpusMutator as ReaderFuzzTests;
//      a job that reads is also written back and read again, as in the test;
//  (b) attacks grown to just under 1 MB: nesting, alias bombs, huge scalars, keys and numbers, wide collections, many
//      documents, many anchors, NULs - the shapes where a reader's cost could grow faster than the input.
// Exit code 0 when every call stayed in budget and nothing but AzureMLFormatException came out; 1 otherwise.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HyperDrive.Fluent.Benchmarks.ReaderFuzz;
using HyperDrive.Fluent.Fuzzing;
using HyperDrive.Fluent.Serialization;

var mutationsPerFile = 1000;
var seedBase = 0;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mutations" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            mutationsPerFile = n;
            i++;
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s):
            seedBase = s;
            i++;
            break;
        default:
            Console.Error.WriteLine($"'{args[i]}' is not a valid option. Options: --mutations N (per corpus file, default 1000), --seed S.");
            return 2;
    }
}

var repository = RepositoryRoot.Find();
if (repository is null)
{
    Console.Error.WriteLine("Run this from inside the HyperDrive.Fluent repository (HyperDrive.Fluent.sln was not found above the current folder).");
    return 2;
}

var corpus = Corpus.Load(repository);
Console.WriteLine($"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"corpus: {corpus.Count} files ({corpus.Count(f => f.IsJson)} JSON), {mutationsPerFile} mutations each, seeds from {seedBase}");

var budget = new Budget(TimeSpan.FromSeconds(2), 200L * 1024 * 1024);
var mutations = new Tally("(a) mutated corpus files");
foreach (var (file, index) in corpus.Select((f, i) => (f, i)))
{
    for (var m = 0; m < mutationsPerFile; m++)
    {
        var seed = seedBase + (index * 1_000_003) + m;
        mutations.Measure($"{file.Name} seed {seed}", file, CorpusMutator.Mutate(file.Text, seed), roundTrip: true);
    }
}

var attacks = new Tally("(b) attacks grown to just under 1 MB");
var sample = corpus.First(f => !f.IsJson && f.Text.Contains("search_space:", StringComparison.Ordinal));
// The JSON attacks start from a real job body: the YAML sample as the REST body we send.
var sampleJob = AzureMLYaml.Read(sample.Text, new AzureMLYamlReadOptions { SourcePath = sample.Path, MissingComponentFile = MissingComponentFileBehavior.KeepReference });
var sampleJson = new CorpusFile(Path.ChangeExtension(sample.Path, ".rest.json"), AzureMLJson.Write(sampleJob, AzureMLJsonOptions.Default with { LocalCode = LocalCodeHandling.Omit }), IsJson: true);
foreach (var (name, isJson, text) in Attacks.All(sample.Text, sampleJson.Text))
{
    attacks.Measure(name, isJson ? sampleJson : sample, text, roundTrip: false);
}

var peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine();
Console.WriteLine("(b) one by one:");
foreach (var line in attacks.Lines)
{
    Console.WriteLine("  " + (line.Length > 220 ? line[..220] + "..." : line));
}

Console.WriteLine();
Console.WriteLine("| workload | inputs | read | rejected cleanly | crashes | median ms | p99 ms | max ms | max MB allocated by one call | over budget |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var tally in new[] { mutations, attacks })
{
    Console.WriteLine(tally.Row(budget));
}

Console.WriteLine();
Console.WriteLine($"slowest (a): {mutations.Slowest}");
Console.WriteLine($"slowest (b): {attacks.Slowest}");
Console.WriteLine($"heaviest (a): {mutations.Heaviest}");
Console.WriteLine($"heaviest (b): {attacks.Heaviest}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak working set: {peak / 1048576.0:F0} MB"));
foreach (var crash in mutations.Crashes.Concat(attacks.Crashes).Take(20))
{
    Console.WriteLine($"CRASH {crash}");
}

var failed = mutations.Failed(budget) || attacks.Failed(budget);
Console.WriteLine(failed ? "FAILED: a call crashed or went over budget (2 s, 200 MB)." : "OK: every call returned a job or AzureMLFormatException, within 2 s and 200 MB.");
return failed ? 1 : 0;

namespace HyperDrive.Fluent.Benchmarks.ReaderFuzz
{
    internal sealed record CorpusFile(string Path, string Text, bool IsJson)
    {
        public string Name => System.IO.Path.GetFileName(Path);
    }

    internal static class RepositoryRoot
    {
        public static string? Find()
        {
            for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "HyperDrive.Fluent.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }

    internal static class Corpus
    {
        /// <summary>The files the suite's fuzz test mutates, plus the added real files: real Azure ML YAML and REST JSON.</summary>
        public static IReadOnlyList<CorpusFile> Load(string repository)
        {
            var tests = System.IO.Path.Combine(repository, "tests", "HyperDrive.Fluent.Tests");
            var yamlRoot = System.IO.Path.Combine(tests, "TestData", "corpus", "yaml");
            var yaml = new[] { yamlRoot, System.IO.Path.Combine(yamlRoot, "added") }
                .SelectMany(d => Directory.EnumerateFiles(d))
                .Where(p => System.IO.Path.GetFileName(p).Contains("__", StringComparison.Ordinal) && (p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".yaml", StringComparison.Ordinal)));
            var json = Directory.EnumerateFiles(System.IO.Path.Combine(tests, "Serialization", "Json", "TestData"), "*.json");
            return yaml.Concat(json)
                .Order(StringComparer.Ordinal)
                .Select(p => new CorpusFile(p, File.ReadAllText(p), p.EndsWith(".json", StringComparison.Ordinal)))
                .ToList();
        }
    }

    internal sealed record Budget(TimeSpan Time, long Bytes);

    /// <summary>Counts, times and weighs reader calls of one workload.</summary>
    internal sealed class Tally(string name)
    {
        private readonly List<double> _milliseconds = [];
        private readonly List<string> _lines = [];
        private readonly List<string> _overBudget = [];
        private (double Ms, string Input) _slowest;
        private (long Bytes, string Input) _heaviest;
        private int _read;
        private int _rejected;

        public List<string> Crashes { get; } = [];

        /// <summary>Gets one line per call (outcome, time, allocation), for the attacks listing.</summary>
        public IReadOnlyList<string> Lines => _lines;

        public string Slowest => string.Create(CultureInfo.InvariantCulture, $"{_slowest.Ms:F1} ms, {_slowest.Input}");

        public string Heaviest => string.Create(CultureInfo.InvariantCulture, $"{_heaviest.Bytes / 1048576.0:F1} MB, {_heaviest.Input}");

        public void Measure(string input, CorpusFile origin, string text, bool roundTrip)
        {
            // The read alone is timed and weighed; the round trip (write back, read again) is checked after, untimed.
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var outcome = "crash";
            try
            {
                if (ReaderRoundTrip.Check(origin.Path, text, out var rejection, roundTrip: false) == ReadOutcome.Rejected)
                {
                    _rejected++;
                    outcome = "rejected: " + (rejection!.Problems[0].Problem ?? rejection.Message).Split(';')[0];
                }
                else
                {
                    _read++;
                    outcome = "read";
                }
            }
            catch (Exception ex)
            {
                Crashes.Add($"{name}: {input}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }

            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - bytes;
            _lines.Add(string.Create(CultureInfo.InvariantCulture, $"{input}: {clock.Elapsed.TotalMilliseconds:F1} ms, {allocated / 1048576.0:F1} MB, {outcome}"));
            Record(input, clock.Elapsed.TotalMilliseconds, allocated, Encoding.UTF8.GetByteCount(text));
            if (roundTrip && outcome == "read")
            {
                try
                {
                    if (ReaderRoundTrip.Check(origin.Path, text, out _) == ReadOutcome.ReadsBackDifferent)
                    {
                        Crashes.Add($"{name}: {input}: reads back different after writing");
                    }
                }
                catch (Exception ex)
                {
                    Crashes.Add($"{name}: {input} (write back): {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }
            }
        }

        public bool Failed(Budget budget) => Crashes.Count > 0 || _overBudget.Count > 0;

        public string Row(Budget budget)
        {
            var sorted = _milliseconds.Order().ToList();
            double At(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
            return string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {sorted.Count:N0} | {_read:N0} | {_rejected:N0} | {Crashes.Count} | {At(0.5):F3} | {At(0.99):F2} | {_slowest.Ms:F1} | {_heaviest.Bytes / 1048576.0:F1} | {_overBudget.Count} |");
        }

        private void Record(string input, double ms, long allocated, int size)
        {
            _milliseconds.Add(ms);
            if (ms > _slowest.Ms)
            {
                _slowest = (ms, input);
            }

            if (allocated > _heaviest.Bytes)
            {
                _heaviest = (allocated, input);
            }

            // The budget applies to files under 1 MB; larger ones are refused up front by the size limit.
            if (size < 1024 * 1024 && (ms > 2000 || allocated > 200L * 1024 * 1024))
            {
                _overBudget.Add(input);
                Crashes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {input}: over budget ({ms:F0} ms, {allocated / 1048576.0:F0} MB)"));
            }
        }
    }

    /// <summary>Hostile documents just under 1 MB, each aimed at a cost that could grow faster than the input.</summary>
    internal static class Attacks
    {
        private const int Size = (1024 * 1024) - 4096;

        public static IEnumerable<(string Name, bool IsJson, string Text)> All(string yaml, string json)
        {
            var room = Size - yaml.Length;
            yield return ("YAML flow sequences nested to fill 1 MB", false, InValue(yaml, new string('[', room / 2) + new string(']', room / 2)));
            yield return ("YAML flow mappings nested to fill 1 MB", false, InValue(yaml, Repeat("{a: ", room / 5) + "1" + new string('}', room / 5)));
            yield return ("YAML block mappings nested to fill 1 MB", false, BlockNesting(room));
            yield return ("YAML alias bomb: 10 levels x 10 wide", false, InValue(yaml, AliasBomb(10, 10)));
            yield return ("YAML alias bomb: 30 levels x 3 wide, through choice objects", false, InValue(yaml, ChoiceAliasBomb(30, 3)));
            yield return ("YAML 60,000 anchors and aliases", false, InValue(yaml, "[" + string.Join(", ", Enumerable.Range(0, 60_000).Select(i => i % 2 == 0 ? $"&a{i} x" : $"*a{i - 1}")) + "]"));
            yield return ("YAML self-referencing alias", false, InValue(yaml, "&s {m: {values: [*s]}}"));
            yield return ("YAML one scalar of 1 MB", false, InValue(yaml, new string('x', room)));
            yield return ("YAML one key of 1 MB", false, yaml + "\n" + new string('k', room) + ": 1\n");
            yield return ("YAML a number of 1 MB of digits", false, InValue(yaml, new string('9', room)));
            yield return ("YAML an octal of 1 MB", false, InValue(yaml, "0o" + new string('7', room)));
            yield return ("YAML a choice of 150,000 values", false, InValue(yaml, "{type: choice, values: [" + Repeat("1, ", 150_000) + "1]}"));
            yield return ("YAML a mapping of 60,000 keys", false, yaml + "\ntags:\n" + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"  k{i}: v\n")));
            yield return ("YAML 60,000 unknown top-level keys", false, yaml + "\n" + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"x{i}: 1\n")));
            yield return ("YAML 100,000 documents", false, yaml + "\n" + Repeat("---\na: 1\n", 100_000));
            yield return ("YAML 1 MB of comments", false, yaml + "\n" + Repeat("# comment line\n", room / 15));
            yield return ("YAML 1 MB of NULs in a value", false, InValue(yaml, "\"" + new string('\0', room / 2) + "\""));
            yield return ("YAML 1 MB of escaped NULs", false, InValue(yaml, "\"" + Repeat("\\0", room / 2) + "\""));
            yield return ("YAML tabs in indentation, 100,000 lines", false, yaml + "\n" + Repeat("\tkey: value\n", 100_000));
            yield return ("YAML a block scalar of 1 MB", false, yaml + "\ndescription: |\n" + Repeat("  line of text\n", room / 15));
            yield return ("YAML 20,000 ${{search_space.x}} placeholders in the command", false, CommandOf(yaml, Repeat(" ${{search_space.x}}", 20_000)));
            yield return ("YAML 20,000 legacy {search_space.x} placeholders in the command", false, CommandOf(yaml, Repeat(" {search_space.x}", 20_000)));
            yield return ("JSON arrays nested to fill 1 MB", true, new string('[', Size / 2) + new string(']', Size / 2));
            yield return ("JSON objects nested to fill 1 MB", true, Repeat("{\"a\":", Size / 6) + "1" + new string('}', Size / 6));
            yield return ("JSON a string of 1 MB", true, json.Insert(InProperties(json), "\"description\": \"" + new string('x', Size - json.Length) + "\","));
            yield return ("JSON 100,000 duplicate keys", true, json.Insert(InProperties(json), Repeat("\"k\": 1,", 100_000)));
            yield return ("JSON a number of 1 MB of digits", true, json.Insert(InProperties(json), "\"n\": " + new string('9', Size - json.Length) + ","));
        }

        /// <summary>Where a key can go inside the body's <c>properties</c> object.</summary>
        private static int InProperties(string json) => json.IndexOf('{', json.IndexOf("\"properties\"", StringComparison.Ordinal)) + 1;

        private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

        private static string AliasBomb(int levels, int width)
        {
            var sb = new StringBuilder("[&l0 [x, y], ");
            for (var i = 1; i < levels; i++)
            {
                sb.Append("&l").Append(i).Append(" [").AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", width)).Append("], ");
            }

            return sb.Append("*l").Append(levels - 1).Append(']').ToString();
        }

        private static string ChoiceAliasBomb(int levels, int width)
        {
            var sb = new StringBuilder("{type: choice, values: [&c0 {type: choice, values: [1, 2]}, ");
            for (var i = 1; i < levels; i++)
            {
                sb.Append("&c").Append(i).Append(" {type: choice, values: [").AppendJoin(", ", Enumerable.Repeat($"*c{i - 1}", width)).Append("]}, ");
            }

            return sb.Append("*c").Append(levels - 1).Append("]}").ToString();
        }

        private static string BlockNesting(int room)
        {
            var sb = new StringBuilder("tags:\n");
            var indent = 2;
            while (sb.Length + indent + 3 < room)
            {
                sb.Append(' ', indent).Append("a:\n");
                indent += 2;
            }

            return sb.ToString();
        }

        /// <summary>The document with the first search-space parameter's value replaced by <paramref name="value"/>.</summary>
        private static string InValue(string yaml, string value)
        {
            var lines = yaml.Split('\n');
            var inSpace = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("search_space:", StringComparison.Ordinal))
                {
                    inSpace = true;
                }
                else if (inSpace && lines[i].TrimStart().Length > 0 && lines[i].Contains(':', StringComparison.Ordinal))
                {
                    var indent = lines[i].Length - lines[i].TrimStart().Length;
                    var key = lines[i].TrimStart().Split(':')[0];
                    var end = i + 1;
                    while (end < lines.Length && (lines[end].Length - lines[end].TrimStart().Length > indent || lines[end].Trim().Length == 0))
                    {
                        end++;
                    }

                    return string.Join('\n', lines[..i].Append(new string(' ', indent) + key + ": " + value).Concat(lines[end..]));
                }
            }

            return yaml + "\nsearch_space:\n  x: " + value + "\n";
        }

        private static string CommandOf(string yaml, string tail)
        {
            var lines = yaml.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("command:", StringComparison.Ordinal) && !lines[i].TrimEnd().EndsWith(':') && !lines[i].TrimEnd().EndsWith('>') && !lines[i].TrimEnd().EndsWith('|'))
                {
                    lines[i] = lines[i].TrimEnd() + tail;
                    return string.Join('\n', lines);
                }
            }

            return yaml;
        }
    }
}
