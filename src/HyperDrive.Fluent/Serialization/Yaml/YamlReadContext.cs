using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// The document being read: its name for errors, the folder component files resolve against, the options, and the
/// problems found so far. A problem confined to one key (an unknown key, a value of the wrong type) is recorded and
/// reading goes on with the next key, so one read reports every such problem at once (<see cref="ThrowIfProblems"/>).
/// </summary>
internal sealed class YamlReadContext
{
    /// <summary>How many problems one read lists; beyond that they are only counted. A file of 60,000 unknown keys
    /// would otherwise build a 700 MB message (each problem names the valid keys), and nobody reads past the first
    /// screens.</summary>
    internal const int MaxListedProblems = 100;

    private readonly Problems _problems;

    public YamlReadContext(string? file, AzureMLYamlReadOptions options)
        : this(file, options, new Problems())
    {
    }

    private YamlReadContext(string? file, AzureMLYamlReadOptions options, Problems problems)
    {
        File = file;
        Options = options;
        _problems = problems;
        BaseDirectory = file is null
            ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(Path.GetFullPath(file)) ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Gets the file name used in errors (<see langword="null"/> for a string document).</summary>
    public string? File { get; }

    /// <summary>Gets the folder relative component files are resolved against.</summary>
    public string BaseDirectory { get; }

    /// <summary>Gets the read options.</summary>
    public AzureMLYamlReadOptions Options { get; }

    /// <summary>A context for a file this document refers to (a component file); its problems are reported with this
    /// document's.</summary>
    public YamlReadContext ForFile(string file) => new(file, Options, _problems);

    /// <summary>An error pointing at <paramref name="node"/>.</summary>
    public AzureMLFormatException Error(YamlNode? node, string? key, string problem, Exception? inner = null) =>
        new(problem, File, node is null ? null : (int)node.Start.Line, node is null ? null : (int)node.Start.Column,
            key, inner);

    /// <summary>Gets whether problems reported now are still listed (not only counted), so that a caller can skip
    /// building a message nobody will see.</summary>
    public bool ListsProblems => _problems.Listed.Count < MaxListedProblems;

    /// <summary>Records a problem and goes on reading.</summary>
    public void Report(AzureMLFormatException problem) => _problems.Add(problem);

    /// <summary>Counts a problem that is past the listing limit (<see cref="ListsProblems"/> is false) without building
    /// it.</summary>
    public void CountUnlistedProblem() => _problems.Unlisted++;

    /// <summary>Reads one part of the document; when it fails, records the problem and returns
    /// <paramref name="fallback"/> so that the rest of the document is still read (and its problems reported
    /// too).</summary>
    public T Recover<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (AzureMLFormatException ex)
        {
            _problems.Add(ex);
            return fallback;
        }
    }

    /// <summary>Throws one exception holding every problem recorded, in document order (none: returns).</summary>
    public void ThrowIfProblems()
    {
        if (_problems.Listed.Count == 0)
        {
            return;
        }

        // Document order (this file's problems first, then those of the component files it refers to).
        var ordered = _problems.Listed
            .Select((p, i) => (Problem: p, Index: i))
            .OrderBy(p => string.Equals(p.Problem.File, File, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Problem.Line ?? int.MaxValue)
            .ThenBy(p => p.Problem.Column ?? int.MaxValue)
            .ThenBy(p => p.Index)
            .Select(p => p.Problem)
            .ToList();
        if (_problems.Unlisted > 0)
        {
            var last = ordered[^1];
            ordered.Add(new AzureMLFormatException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"... and {_problems.Unlisted:N0} more problems after these {MaxListedProblems} (not listed); ") +
                    "fix these and read the file again.",
                last.File,
                last.Line,
                last.Column,
                null));
        }

        throw AzureMLFormatException.Combine(ordered);
    }

    /// <summary>The node as a mapping, or an error.</summary>
    public YamlMappingNode Mapping(YamlNode node, string key) =>
        node as YamlMappingNode
            ?? throw Error(node, key, $"expected a mapping (key: value lines), got {YamlScalars.Describe(node)}.");

    /// <summary>The node as a list, or an error.</summary>
    public YamlSequenceNode Sequence(YamlNode node, string key) =>
        node as YamlSequenceNode ?? throw Error(node, key, $"expected a list, got {YamlScalars.Describe(node)}.");

    /// <summary>Reads a mapping; keys outside <paramref name="allowed"/> are reported (and skipped).</summary>
    public YamlMap Map(YamlNode node, string path, IReadOnlyList<string> allowed) =>
        new(this, Mapping(node, path), path, allowed);

    /// <summary>Reads each entry of a mapping, in order, with its path (<c>path.name</c>); an entry that fails is
    /// reported and left out, and the next one is read.</summary>
    public List<KeyValuePair<string, T>> Entries<T>(YamlNode node, string path, Func<YamlNode, string, T> read)
    {
        var entries = new List<KeyValuePair<string, T>>();
        foreach (var entry in Mapping(node, path).Children)
        {
            var name = entry.Key is YamlScalarNode { Value: { } n } ? n : string.Empty;
            var entryPath = Join(path, name);
            try
            {
                entries.Add(new(name, read(entry.Value, entryPath)));
            }
            catch (AzureMLFormatException ex)
            {
                _problems.Add(ex);
            }
        }

        return entries;
    }

    /// <summary>The value of the mapping's <c>type</c> key among <paramref name="choices"/> (case-insensitive), read
    /// before the rest of the mapping because it decides which keys are allowed.</summary>
    public T PeekType<T>(YamlMappingNode mapping, string path, IReadOnlyList<(string Name, T Value)> choices,
        string what, string valid = "valid values")
    {
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is YamlScalarNode { Value: "type" })
            {
                if (entry.Value is YamlScalarNode { Value: { } text } && !YamlScalars.IsNull(entry.Value))
                {
                    foreach (var (name, value) in choices)
                    {
                        if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            return value;
                        }
                    }
                }

                throw Error(
                    entry.Value,
                    Join(path, "type"),
                    $"unknown {what} {YamlScalars.Describe(entry.Value)}; {valid}: " +
                        $"{string.Join(", ", choices.Select(c => c.Name).Distinct())}.");
            }
        }

        throw Error(
            mapping, Join(path, "type"),
            $"'type' is required; {valid}: {string.Join(", ", choices.Select(c => c.Name).Distinct())}.");
    }

    /// <summary>The problems of one read, shared by the contexts of the component files it refers to.</summary>
    private sealed class Problems
    {
        public List<AzureMLFormatException> Listed { get; } = [];

        public int Unlisted { get; set; }

        public void Add(AzureMLFormatException problem)
        {
            if (Listed.Count < MaxListedProblems)
            {
                Listed.Add(problem);
            }
            else
            {
                Unlisted++;
            }
        }
    }

    /// <summary>Joins a key path.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
