using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// Writes a YAML document as PyYAML's <c>yaml.dump(data, sort_keys=True)</c> does, which is how azure-ai-ml turns a
/// conda file into the text it sends as an environment's <c>condaFile</c> and hashes into an anonymous environment's
/// version (<c>entities/_assets/environment.py</c>: <c>dump_yaml(self.conda_file, sort_keys=True)</c>;
/// <c>_utils/utils.py</c> <c>dump_yaml</c> is <c>yaml.dump</c> with the default Dumper). So the same conda file gives
/// the same text and the same version here as with the CLI. What that dump does: plain scalars are resolved by YAML 1.1
/// rules (PyYAML's Resolver: <c>yes</c>/<c>on</c> are booleans, <c>0777</c> octal, <c>1:30</c> sexagesimal); mappings
/// are written in block style with their keys sorted, sequences inside a mapping are not indented, empty collections
/// are written <c>[]</c>/<c>{}</c>, a string is plain when that reads back as the same string, else single-quoted, else
/// double-quoted with escapes (non-ASCII too: PyYAML's default is <c>allow_unicode=False</c>), and plain and quoted
/// scalars are folded at spaces past column 80. The emitter below follows PyYAML's <c>Emitter</c> state for these cases
/// (indent, column, whitespace, indention).
/// </summary>
internal sealed partial class PyYamlDump
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;

    private readonly StringBuilder _out = new();
    private readonly Stack<int?> _indents = new();
    private int? _indent;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;

    private PyYamlDump()
    {
    }

    /// <summary>Dumps <paramref name="root"/> (the document's root node).</summary>
    public static string Dump(YamlNode root)
    {
        var dump = new PyYamlDump();
        dump.EmitNode(Value.From(root), mappingContext: false, simpleKey: false);
        dump.WriteIndent();
        return dump._out.ToString();
    }

    // ---------------------------------------------------------------- values (what PyYAML constructs from the
    // document)

    private abstract record Value
    {
        public static Value From(YamlNode node) => node switch
        {
            YamlMappingNode mapping =>
                new MapValue(mapping.Children.Select(e => (From(e.Key), From(e.Value))).ToList()),
            YamlSequenceNode sequence => new SeqValue(sequence.Children.Select(From).ToList()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => throw new FormatException($"Unexpected YAML node {node.GetType().Name}."),
        };

        private static Value Scalar(YamlScalarNode scalar)
        {
            var text = scalar.Value ?? string.Empty;
            if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
            {
                return new StrValue(text);
            }

            return Resolve(text) switch
            {
                "null" => new RawValue("null"),
                "bool" => new RawValue(text.ToLowerInvariant() is "yes" or "true" or "on" ? "true" : "false"),
                "int" => new RawValue(IntText(text)),
                "float" => new RawValue(FloatText(text)),
                "timestamp" => new RawValue(text),
                _ => new StrValue(text),
            };
        }
    }

    private sealed record MapValue(List<(Value Key, Value Value)> Entries) : Value;

    private sealed record SeqValue(List<Value> Items) : Value;

    /// <summary>A string (written plain when that reads back as a string, else quoted).</summary>
    private sealed record StrValue(string Text) : Value;

    /// <summary>A non-string scalar, already in the text PyYAML's representer gives it.</summary>
    private sealed record RawValue(string Text) : Value;

    /// <summary>The type PyYAML's YAML 1.1 resolver gives a plain scalar (<c>resolver.py</c>, implicit
    /// resolvers).</summary>
    private static string Resolve(string text)
    {
        if (NullPattern().IsMatch(text))
        {
            return "null";
        }

        if (BoolPattern().IsMatch(text))
        {
            return "bool";
        }

        if (IntPattern().IsMatch(text))
        {
            return "int";
        }

        if (FloatPattern().IsMatch(text))
        {
            return "float";
        }

        if (TimestampPattern().IsMatch(text))
        {
            return "timestamp";
        }

        return text is "<<" or "=" ? "special" : "str";
    }

    /// <summary>PyYAML's <c>construct_yaml_int</c>, then <c>str(int)</c>.</summary>
    private static string IntText(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var sign = BigInteger.One;
        if (value[0] is '-' or '+')
        {
            sign = value[0] == '-' ? BigInteger.MinusOne : BigInteger.One;
            value = value[1..];
        }

        BigInteger result;
        if (value == "0")
        {
            result = BigInteger.Zero;
        }
        else if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            result = value[2..].Aggregate(BigInteger.Zero, (acc, c) => (acc * 2) + (c - '0'));
        }
        else if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            result = BigInteger.Parse("0" + value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        else if (value[0] == '0')
        {
            result = value[1..].Aggregate(BigInteger.Zero, (acc, c) => (acc * 8) + (c - '0'));
        }
        else if (value.Contains(':', StringComparison.Ordinal))
        {
            result = value.Split(':').Aggregate(BigInteger.Zero, (acc, part) =>
                (acc * 60) + BigInteger.Parse(part, CultureInfo.InvariantCulture));
        }
        else
        {
            result = BigInteger.Parse(value, CultureInfo.InvariantCulture);
        }

        return (sign * result).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>PyYAML's <c>construct_yaml_float</c>, then <c>represent_float</c> (Python's <c>repr</c>, lower
    /// case).</summary>
    private static string FloatText(string text)
    {
        var value = text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        var negative = false;
        if (value[0] is '-' or '+')
        {
            negative = value[0] == '-';
            value = value[1..];
        }

        double number;
        if (value == ".inf")
        {
            return negative ? "-.inf" : ".inf";
        }

        if (value == ".nan")
        {
            return ".nan";
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            number = value.Split(':').Aggregate(0.0, (acc, part) =>
                (acc * 60) + double.Parse(part, CultureInfo.InvariantCulture));
        }
        else
        {
            number = double.Parse(value, CultureInfo.InvariantCulture);
        }

        if (negative)
        {
            number = -number;
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? ".inf" : "-.inf";
        }

        var repr = PythonRepr(number);
        return !repr.Contains('.', StringComparison.Ordinal) && repr.Contains('e', StringComparison.Ordinal)
            ? repr.Replace("e", ".0e", StringComparison.Ordinal) : repr;
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest digits that round-trip, fixed notation for 1e-4 &lt;= |x|
    /// &lt; 1e16, else <c>d.ddde+XX</c>.</summary>
    private static string PythonRepr(double number)
    {
        if (number == 0)
        {
            return double.IsNegative(number) ? "-0.0" : "0.0";
        }

        var roundTrip = Math.Abs(number).ToString("R", CultureInfo.InvariantCulture);

        // Digits and decimal exponent of the shortest round-trip form.
        var mantissa = roundTrip;
        var exponent = 0;
        var e = roundTrip.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = roundTrip[..e];
            exponent = int.Parse(roundTrip[(e + 1)..], CultureInfo.InvariantCulture);
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0.0";
        }

        var decimalExponent = pointPosition - 1;
        var sign = number < 0 ? "-" : string.Empty;
        if (decimalExponent is >= -4 and < 16)
        {
            string fixedText;
            if (pointPosition <= 0)
            {
                fixedText = "0." + new string('0', -pointPosition) + digits;
            }
            else if (pointPosition >= digits.Length)
            {
                fixedText = digits + new string('0', pointPosition - digits.Length) + ".0";
            }
            else
            {
                fixedText = digits[..pointPosition] + "." + digits[pointPosition..];
            }

            return sign + fixedText;
        }

        var mantissaText = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return sign + mantissaText + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString(
            "00", CultureInfo.InvariantCulture);
    }

    // ---------------------------------------------------------------- emitter

    private void EmitNode(Value value, bool mappingContext, bool simpleKey)
    {
        switch (value)
        {
            case MapValue { Entries.Count: 0 }:
                WriteIndicator("{", needWhitespace: true, whitespace: true);
                WriteIndicator("}", needWhitespace: false);
                break;
            case SeqValue { Items.Count: 0 }:
                WriteIndicator("[", needWhitespace: true, whitespace: true);
                WriteIndicator("]", needWhitespace: false);
                break;
            case MapValue map:
                IncreaseIndent(flow: false, indentless: false);
                foreach (var (key, item) in Sorted(map.Entries))
                {
                    WriteIndent();
                    EmitNode(key, mappingContext: true, simpleKey: true);
                    WriteIndicator(":", needWhitespace: false);
                    EmitNode(item, mappingContext: true, simpleKey: false);
                }

                _indent = _indents.Pop();
                break;
            case SeqValue sequence:
                IncreaseIndent(flow: false, indentless: mappingContext && !_indention);
                foreach (var item in sequence.Items)
                {
                    WriteIndent();
                    WriteIndicator("-", needWhitespace: true, indention: true);
                    EmitNode(item, mappingContext: false, simpleKey: false);
                }

                _indent = _indents.Pop();
                break;
            case StrValue str:
                IncreaseIndent(flow: true, indentless: false);
                WriteString(str.Text, simpleKey);
                _indent = _indents.Pop();
                break;
            case RawValue raw:
                IncreaseIndent(flow: true, indentless: false);
                WritePlain(raw.Text, split: !simpleKey);
                _indent = _indents.Pop();
                break;
        }
    }

    /// <summary>PyYAML's <c>sort_keys</c>: <c>sorted(mapping)</c>, and the mapping's own order when Python cannot
    /// compare the keys (<c>represent_mapping</c> catches the <c>TypeError</c>): strings sort by code point, numbers
    /// and booleans by value, and keys of mixed types (or <c>null</c>) stay as written.</summary>
    private static IEnumerable<(Value Key, Value Value)> Sorted(List<(Value Key, Value Value)> entries)
    {
        if (entries.All(e => e.Key is StrValue))
        {
            return entries.OrderBy(e => ((StrValue)e.Key).Text, StringComparer.Ordinal);
        }

        if (entries.All(e => NumericKey(e.Key) is not null))
        {
            return entries.OrderBy(e => NumericKey(e.Key)!.Value);
        }

        return entries;
    }

    private static double? NumericKey(Value key) => key switch
    {
        RawValue { Text: "true" } => 1,
        RawValue { Text: "false" } => 0,
        RawValue { Text: ".inf" } => double.PositiveInfinity,
        RawValue { Text: "-.inf" } => double.NegativeInfinity,
        RawValue raw when double.TryParse(raw.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
            number,
        _ => null,
    };

    private void WriteString(string text, bool simpleKey)
    {
        var analysis = Analyze(text);
        var implicitPlain = Resolve(text) == "str";
        if (implicitPlain && !(simpleKey && (analysis.Empty || analysis.Multiline)) && analysis.AllowBlockPlain)
        {
            WritePlain(text, split: !simpleKey);
        }
        else if (analysis.AllowSingleQuoted && !(simpleKey && analysis.Multiline))
        {
            WriteSingleQuoted(text, split: !simpleKey);
        }
        else
        {
            WriteDoubleQuoted(text, split: !simpleKey);
        }
    }

    /// <summary>What a scalar allows (every scalar here is in block context: empty collections are the only flow
    /// ones).</summary>
    private readonly record struct Analysis(bool Empty, bool Multiline, bool AllowFlowPlain, bool AllowBlockPlain,
        bool AllowSingleQuoted);

    /// <summary>PyYAML's <c>Emitter.analyze_scalar</c> (with <c>allow_unicode=False</c>).</summary>
    private static Analysis Analyze(string scalar)
    {
        if (scalar.Length == 0)
        {
            return new Analysis(Empty: true, Multiline: false, AllowFlowPlain: false, AllowBlockPlain: true,
                AllowSingleQuoted: true);
        }

        bool blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (scalar.StartsWith("---", StringComparison.Ordinal) || scalar.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
            flowIndicators = true;
        }

        var points = CodePoints(scalar);
        var precededByWhitespace = true;
        var followedByWhitespace = points.Length == 1 || IsWhitespaceOrEnd(points[1]);
        for (var index = 0; index < points.Length; index++)
        {
            var ch = points[index];
            if (index == 0)
            {
                if (ch < 0x80 && "#,[]{}&*!|>'\"%@`".Contains((char)ch, StringComparison.Ordinal))
                {
                    flowIndicators = true;
                    blockIndicators = true;
                }

                if (ch is '?' or ':')
                {
                    flowIndicators = true;
                    if (followedByWhitespace)
                    {
                        blockIndicators = true;
                    }
                }

                if (ch == '-' && followedByWhitespace)
                {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }
            else
            {
                if (ch is ',' or '?' or '[' or ']' or '{' or '}')
                {
                    flowIndicators = true;
                }

                if (ch == ':')
                {
                    flowIndicators = true;
                    if (followedByWhitespace)
                    {
                        blockIndicators = true;
                    }
                }

                if (ch == '#' && precededByWhitespace)
                {
                    flowIndicators = true;
                    blockIndicators = true;
                }
            }

            if (IsBreak(ch))
            {
                lineBreaks = true;
            }

            if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E)))
            {
                // With allow_unicode=False every other character is special (it needs an escape).
                specialCharacters = true;
            }

            if (ch == ' ')
            {
                if (index == 0)
                {
                    leadingSpace = true;
                }

                if (index == points.Length - 1)
                {
                    trailingSpace = true;
                }

                if (previousBreak)
                {
                    breakSpace = true;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(ch))
            {
                if (index == 0)
                {
                    leadingBreak = true;
                }

                if (index == points.Length - 1)
                {
                    trailingBreak = true;
                }

                if (previousSpace)
                {
                    spaceBreak = true;
                }

                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = ch is 0 or ' ' or '\t' or '\r' || IsBreak(ch);
            followedByWhitespace = index + 2 >= points.Length || IsWhitespaceOrEnd(points[index + 2]);
        }

        bool flowPlain = true, blockPlain = true, singleQuoted = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            flowPlain = blockPlain = false;
        }

        if (breakSpace)
        {
            flowPlain = blockPlain = singleQuoted = false;
        }

        if (spaceBreak || specialCharacters)
        {
            flowPlain = blockPlain = singleQuoted = false;
        }

        if (lineBreaks)
        {
            flowPlain = blockPlain = false;
        }

        if (flowIndicators)
        {
            flowPlain = false;
        }

        if (blockIndicators)
        {
            blockPlain = false;
        }

        return new Analysis(Empty: false, Multiline: lineBreaks, flowPlain, blockPlain, singleQuoted);
    }

    private static bool IsBreak(int ch) => ch is '\n' or 0x85 or 0x2028 or 0x2029;

    private static bool IsWhitespaceOrEnd(int ch) => ch is 0 or ' ' or '\t' or '\r' || IsBreak(ch);

    private static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.Value);
        }

        return [.. points];
    }

    private static string Text(int[] points, int start, int end)
    {
        var builder = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            builder.Append(char.ConvertFromUtf32(points[i]));
        }

        return builder.ToString();
    }

    private void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Push(_indent);
        if (_indent is null)
        {
            _indent = flow ? BestIndent : 0;
        }
        else if (!indentless)
        {
            _indent += BestIndent;
        }
    }

    private void Write(string data)
    {
        _column += CodePoints(data).Length;
        _out.Append(data);
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool whitespace = false, bool indention = false)
    {
        Write(_whitespace || !needWhitespace ? indicator : " " + indicator);
        _whitespace = whitespace;
        _indention = _indention && indention;
    }

    private void WriteIndent()
    {
        var indent = _indent ?? 0;
        if (!_indention || _column > indent || (_column == indent && !_whitespace))
        {
            WriteLineBreak();
        }

        if (_column < indent)
        {
            _whitespace = true;
            Write(new string(' ', indent - _column));
        }
    }

    private void WriteLineBreak(string data = "\n")
    {
        _whitespace = true;
        _indention = true;
        _out.Append(data);
        _column = 0;
    }

    /// <summary>Writes a run of line breaks inside a plain or single-quoted scalar, then the indent (PyYAML's emitter:
    /// a leading '\n' is written twice, as the scalar's folding needs).</summary>
    private void WriteBreaks(int[] points, int start, int end)
    {
        if (points[start] == '\n')
        {
            WriteLineBreak();
        }

        for (var i = start; i < end; i++)
        {
            WriteLineBreak(points[i] == '\n' ? "\n" : char.ConvertFromUtf32(points[i]));
        }

        WriteIndent();
    }

    private void WritePlain(string text, bool split)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (!_whitespace)
        {
            Write(" ");
        }

        _whitespace = false;
        _indention = false;
        var points = CodePoints(text);
        bool spaces = false, breaks = false;
        int start = 0, end = 0;
        while (end <= points.Length)
        {
            int? ch = end < points.Length ? points[end] : null;
            if (spaces)
            {
                if (ch != ' ')
                {
                    if (start + 1 == end && _column > BestWidth && split)
                    {
                        WriteIndent();
                        _whitespace = false;
                        _indention = false;
                    }
                    else
                    {
                        Write(Text(points, start, end));
                    }

                    start = end;
                }
            }
            else if (breaks)
            {
                if (ch is null || !IsBreak(ch.Value))
                {
                    WriteBreaks(points, start, end);
                    _whitespace = false;
                    _indention = false;
                    start = end;
                }
            }
            else if (ch is null || ch == ' ' || IsBreak(ch.Value))
            {
                Write(Text(points, start, end));
                start = end;
            }

            if (ch is { } c)
            {
                spaces = c == ' ';
                breaks = IsBreak(c);
            }

            end++;
        }
    }

    private void WriteSingleQuoted(string text, bool split)
    {
        WriteIndicator("'", needWhitespace: true);
        var points = CodePoints(text);
        bool spaces = false, breaks = false;
        int start = 0, end = 0;
        while (end <= points.Length)
        {
            int? ch = end < points.Length ? points[end] : null;
            if (spaces)
            {
                if (ch is null || ch != ' ')
                {
                    if (start + 1 == end && _column > BestWidth && split && start != 0 && end != points.Length)
                    {
                        WriteIndent();
                    }
                    else
                    {
                        Write(Text(points, start, end));
                    }

                    start = end;
                }
            }
            else if (breaks)
            {
                if (ch is null || !IsBreak(ch.Value))
                {
                    WriteBreaks(points, start, end);
                    start = end;
                }
            }
            else if (ch is null || ch == ' ' || ch == '\'' || IsBreak(ch.Value))
            {
                if (start < end)
                {
                    Write(Text(points, start, end));
                    start = end;
                }
            }

            if (ch == '\'')
            {
                Write("''");
                start = end + 1;
            }

            if (ch is { } c)
            {
                spaces = c == ' ';
                breaks = IsBreak(c);
            }

            end++;
        }

        WriteIndicator("'", needWhitespace: false);
    }

    private static readonly Dictionary<int, string> Escapes = new()
    {
        [0] = "0", [0x07] = "a", [0x08] = "b", [0x09] = "t", [0x0A] = "n", [0x0B] = "v", [0x0C] = "f", [0x0D] =
            "r", [0x1B] = "e",
        ['"'] = "\"", ['\\'] = "\\", [0x85] = "N", [0xA0] = "_", [0x2028] = "L", [0x2029] = "P",
    };

    private void WriteDoubleQuoted(string text, bool split)
    {
        WriteIndicator("\"", needWhitespace: true);
        var points = CodePoints(text);
        int start = 0, end = 0;
        while (end <= points.Length)
        {
            int? ch = end < points.Length ? points[end] : null;
            if (ch is null || ch is '"' or '\\' or 0x85 or 0x2028 or 0x2029 or 0xFEFF || !(ch >= 0x20 && ch <= 0x7E))
            {
                if (start < end)
                {
                    Write(Text(points, start, end));
                    start = end;
                }

                if (ch is { } c)
                {
                    Write("\\" + (Escapes.TryGetValue(c, out var escape)
                        ? escape
                        : c <= 0xFF ? "x" + c.ToString("X2", CultureInfo.InvariantCulture)
                        : c <= 0xFFFF ? "u" + c.ToString("X4", CultureInfo.InvariantCulture)
                        : "U" + c.ToString("X8", CultureInfo.InvariantCulture)));
                    start = end + 1;
                }
            }

            if (end > 0 && end < points.Length - 1 && (ch == ' ' || start >= end) && _column + (end - start) > BestWidth
                && split)
            {
                Write(Text(points, start, end) + "\\");
                if (start < end)
                {
                    start = end;
                }

                WriteIndent();
                _whitespace = false;
                _indention = false;
                if (points[start] == ' ')
                {
                    Write("\\");
                }
            }

            end++;
        }

        WriteIndicator("\"", needWhitespace: false);
    }

    [GeneratedRegex(@"^(?:~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex(
        @"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|" +
        @"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(
        @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|" +
        @"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(
        @"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|" +
        @"[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?" +
        @"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")]
    private static partial Regex TimestampPattern();
}
