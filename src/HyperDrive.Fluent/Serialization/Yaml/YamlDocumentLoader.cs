using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>Parses YAML text into one document's root node, turning every syntax problem into an error with file, line
/// and key.</summary>
internal static class YamlDocumentLoader
{
    private static readonly string[] ConflictMarkers = ["<<<<<<<", "|||||||", ">>>>>>>"];

    public static YamlNode Load(string text, YamlReadContext context)
    {
        var limits = context.Options.Limits ?? AzureMLReadLimits.Default;
        limits.ThrowIfTooLarge(text.Length, context.File);
        ThrowIfConflictMarkers(text, context);
        var stream = new YamlStream();
        YamlLimitingParser? parser = null;
        try
        {
            parser = new YamlLimitingParser(text, context, limits);
            stream.Load(parser);
        }
        catch (ArgumentException ex) when (parser?.Current is { } current)
        {
            // YamlDotNet's representation model meets an event sequence it cannot build a node from (e.g. ': a: b').
            var line = (int)current.Start.Line;
            throw new AzureMLFormatException(
                $"invalid YAML: unexpected {current.GetType().Name} here; check the indentation and the ':' of this " +
                "line.", context.File, line, (int)current.Start.Column, KeyPathAt(text, line), ex);
        }
        catch (YamlException ex)
        {
            if (TabIndentation(text) is { } tab)
            {
                // YamlDotNet reports a tab in the indentation at the start of the enclosing block (often (1,1)); point
                // at the tab.
                throw new AzureMLFormatException(
                    "a tab in the indentation; YAML indents with spaces only. Replace the tab with spaces (as many " +
                        "as the sibling keys use).",
                    context.File,
                    tab.Line,
                    tab.Column,
                    KeyPathAt(text, tab.Line),
                    ex);
            }

            var line = (int)ex.Start.Line;
            var key = KeyPathAt(text, line);
            var problem = IndentationProblem(text, line, key) ?? $"invalid YAML: {StripLocation(ex.Message)}";
            throw new AzureMLFormatException(problem, context.File, line, (int)ex.Start.Column, key, ex);
        }

        // A second document is refused by the parser as it starts (YamlLimitingParser); here only "none" remains.
        if (stream.Documents.Count == 0)
        {
            throw new AzureMLFormatException(
                "the document is empty; expected an Azure ML job (type: sweep, command or pipeline).", context.File,
                null, null, null);
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>Loads a mapping given as text (an inline conda specification): the root node, or <see langword="null"/>
    /// with the problem.</summary>
    public static YamlMappingNode? LoadMapping(string text, string? file, out string? problem)
    {
        try
        {
            var root = Load(text, new YamlReadContext(file, new AzureMLYamlReadOptions()));
            problem = root is YamlMappingNode ? null : $"expected a mapping, got {YamlScalars.Describe(root)}.";
            return root as YamlMappingNode;
        }
        catch (AzureMLFormatException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>The first line whose indentation holds a tab, and the tab's 1-based column.</summary>
    private static (int Line, int Column)? TabIndentation(string text)
    {
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent && indent < line.Length && line[indent] != '#')
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static void ThrowIfConflictMarkers(string text, YamlReadContext context)
    {
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (ConflictMarkers.Any(m => line.StartsWith(m, StringComparison.Ordinal))
                || (line.TrimEnd() == "======="
                    && lines.Take(i).Any(l => l.StartsWith("<<<<<<<", StringComparison.Ordinal))))
            {
                throw new AzureMLFormatException(
                    $"merge-conflict marker '{line.TrimEnd()}'; resolve the conflict (keep one side, delete the " +
                        "<<<<<<<, ======= and >>>>>>> lines) and read the file again.",
                    context.File,
                    i + 1,
                    1,
                    KeyPathAt(text, i + 1));
            }
        }
    }

    /// <summary>The key path of the line (e.g. <c>jobs.sweep_step.outputs.test_data</c>), from the indentation of the
    /// lines above.</summary>
    internal static string? KeyPathAt(string text, int line)
    {
        var lines = SplitLines(text);
        if (line < 1 || line > lines.Length)
        {
            return null;
        }

        var keys = new List<string>();
        var indent = int.MaxValue;
        for (var i = line - 1; i >= 0; i--)
        {
            var (lineIndent, key) = KeyOf(lines[i]);
            if (key is null || lineIndent >= indent)
            {
                continue;
            }

            keys.Insert(0, key);
            indent = lineIndent;
            if (indent == 0)
            {
                break;
            }
        }

        return keys.Count == 0 ? null : string.Join('.', keys);
    }

    private static string? IndentationProblem(string text, int line, string? keyPath)
    {
        var lines = SplitLines(text);
        if (line < 1 || line > lines.Length)
        {
            return null;
        }

        var (indent, key) = KeyOf(lines[line - 1]);
        if (key is null)
        {
            return null;
        }

        // The parent is the nearest key line above with less indentation; its first child sets the siblings'
        // indentation.
        for (var i = line - 2; i >= 0; i--)
        {
            var (parentIndent, parentKey) = KeyOf(lines[i]);
            if (parentKey is null || parentIndent >= indent)
            {
                continue;
            }

            for (var j = i + 1; j < line - 1; j++)
            {
                var (childIndent, childKey) = KeyOf(lines[j]);
                if (childKey is not null)
                {
                    if (childIndent == indent)
                    {
                        return null;
                    }

                    var parentPath = keyPath is not null && keyPath.Contains('.', StringComparison.Ordinal)
                        ? keyPath[..keyPath.LastIndexOf('.')] : parentKey;
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"bad indentation: '{key}' is indented {indent} spaces, but the keys under '{parentPath}' ") +
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"are indented {childIndent} (as '{childKey}' on line {j + 1}); indent it like its ") +
                        "siblings.";
                }
            }

            return null;
        }

        return null;
    }

    private static (int Indent, string? Key) KeyOf(string line)
    {
        var trimmed = line.TrimStart(' ', '\t');
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return (0, null);
        }

        var indent = line.Length - trimmed.Length;
        if (trimmed.StartsWith("- ", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
            indent += 2;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || (colon + 1 < trimmed.Length && trimmed[colon + 1] != ' '))
        {
            return (indent, null);
        }

        return (indent, trimmed[..colon].Trim().Trim('"', '\''));
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    private static string StripLocation(string message)
    {
        // YamlDotNet prefixes "(Line: 29, Col: 6, Idx: 640) - (...): "; the exception already carries the location.
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }
}
