using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>
/// The YamlDotNet event stream with <see cref="AzureMLReadLimits"/> applied as the events arrive, before the
/// representation model builds (recursively) a node for them: nesting depth, alias count, alias expansion, aliases
/// inside their own anchor, keys that are not scalars and NUL characters in values each stop the read with an
/// <see cref="AzureMLFormatException"/> naming the line. YamlDotNet's own failures (including the
/// <see cref="InvalidOperationException"/> it throws for a block scalar inside a flow collection) come out as
/// <see cref="YamlException"/> with the position, for the loader to report.
/// </summary>
internal sealed class YamlLimitingParser : IParser
{
    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly string _text;
    private readonly YamlReadContext _context;
    private readonly AzureMLReadLimits _limits;
    private readonly List<Frame> _open = [];
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private int _aliases;
    private long _expanded;
    private int _documents;

    public YamlLimitingParser(string text, YamlReadContext context, AzureMLReadLimits limits)
    {
        _text = text;
        _context = context;
        _limits = limits;
        _scanner = new Scanner(new StringReader(text));
        _parser = new Parser(_scanner);
    }

    public ParsingEvent? Current => _parser.Current;

    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = _parser.MoveNext();
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet throws this (not a YamlException) for some malformed input, e.g. a block scalar in a flow
            // sequence.
            var at = _scanner.CurrentPosition;
            throw new YamlException(at, at, ex.Message, ex);
        }

        if (moved && _parser.Current is { } current)
        {
            Check(current);
        }

        return moved;
    }

    private void Check(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart when ++_documents > 1:
                // Stop at the second document rather than parse (and build nodes for) every one of them: a file of
                // 100,000 '---' documents otherwise costs hundreds of megabytes before the loader counts them.
                throw Fail(
                    current, "expected one YAML document, found several (separated by ---); an Azure ML job file " +
                    "holds one job. Keep one document, or split the file.");
            case Scalar scalar:
                Child(scalar, isContainer: false);
                if (scalar.Value.Contains('\0', StringComparison.Ordinal))
                {
                    throw Fail(
                        scalar, "the value contains a NUL character (\\0), which no command line or file name can " +
                        "carry; remove it.");
                }

                if (HasLoneSurrogate(scalar.Value))
                {
                    throw Fail(
                        scalar, "the value contains an unpaired UTF-16 surrogate (an escape such as \\uD800 that is " +
                        "half of a character), which is not text; remove it.");
                }

                Add(1);
                Remember(scalar.Anchor, 1);
                break;
            case AnchorAlias alias:
                Child(alias, isContainer: false);
                Alias(alias);
                break;
            case MappingStart or SequenceStart:
                Child(current, isContainer: true);
                var anchor = ((NodeEvent)current).Anchor;
                _open.Add(new Frame(current is MappingStart, anchor.IsEmpty ? null : anchor.Value));
                if (_open.Count > _limits.MaxDepth)
                {
                    throw Fail(
                        current, string.Create(
                        CultureInfo.InvariantCulture,
                        $"the document is nested deeper than {_limits.MaxDepth} levels; Azure ML job files nest a ") +
                        "few levels. Flatten it, or raise AzureMLReadLimits.MaxDepth.");
                }

                break;
            case MappingEnd or SequenceEnd:
                var frame = _open[^1];
                _open.RemoveAt(_open.Count - 1);
                Add(frame.Size);
                if (frame.Anchor is { } name)
                {
                    _anchorSizes[name] = frame.Size;
                }

                break;
        }
    }

    /// <summary>A node starts inside the innermost open collection: a mapping's keys must be scalars.</summary>
    private void Child(ParsingEvent node, bool isContainer)
    {
        if (_open.Count == 0 || !_open[^1].IsMapping)
        {
            return;
        }

        var frame = _open[^1];
        var isKey = frame.KeyNext;
        frame.KeyNext = !isKey;
        if (isKey && (isContainer || node is AnchorAlias))
        {
            throw Fail(
                node, "keys must be plain names; a list, mapping or alias used as a key (for example '? [x]: 1') is " +
                "not an Azure ML key.");
        }
    }

    private void Alias(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Any(f => string.Equals(f.Anchor, name, StringComparison.Ordinal)))
        {
            throw Fail(
                alias, $"the alias *{name} is inside the node it refers to (&{name}), which would repeat forever; " +
                "use a copy of the values instead.");
        }

        if (!_anchorSizes.TryGetValue(name, out var size))
        {
            throw Fail(
                alias, $"the alias *{name} refers to no anchor defined before it; define &{name} first or write the " +
                "value out.");
        }

        _aliases++;
        _expanded += size;
        if (_aliases > _limits.MaxAliases)
        {
            throw Fail(
                alias, string.Create(
                CultureInfo.InvariantCulture,
                $"the document uses more than {_limits.MaxAliases} aliases; write the values out, or raise ") +
                "AzureMLReadLimits.MaxAliases.");
        }

        if (_expanded > _limits.MaxAliasExpansion)
        {
            throw Fail(
                alias, string.Create(
                CultureInfo.InvariantCulture,
                $"aliases expand the document by more than {_limits.MaxAliasExpansion:N0} nodes (an alias of an ") +
                "alias multiplies); write the values out, or raise AzureMLReadLimits.MaxAliasExpansion.");
        }

        Add(size);
    }

    private void Add(long size)
    {
        if (_open.Count > 0)
        {
            _open[^1].Size += size;
        }
    }

    private void Remember(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchorSizes[anchor.Value] = size;
        }
    }

    private AzureMLFormatException Fail(ParsingEvent at, string problem)
    {
        var line = (int)at.Start.Line;
        return new AzureMLFormatException(
            problem, _context.File, line, (int)at.Start.Column, YamlDocumentLoader.KeyPathAt(_text, line));
    }

    private sealed class Frame(bool isMapping, string? anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public string? Anchor { get; } = anchor;

        public bool KeyNext { get; set; } = true;

        public long Size { get; set; } = 1;
    }

    internal static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
