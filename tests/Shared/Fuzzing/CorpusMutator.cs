using System.Text;

namespace HyperDrive.Fluent.Fuzzing;

/// <summary>
/// Seeded mutations of real corpus documents (YAML and JSON) for the reader fuzz test and the reader fuzz benchmark:
/// byte-level damage (deletions, insertions of YAML/JSON syntax characters, NULs, truncation), line-level damage
/// (duplicated, swapped, re-indented lines) and structural attacks (deep nesting, alias chains, huge numbers, complex
/// keys, block scalars in flow collections). The same seed always gives the same mutation.
/// </summary>
public static class CorpusMutator
{
    private static readonly string[] Tokens =
    [
        "[", "]", "{", "}", ":", ": ", "- ", "? ", "&a ", "*a", "!", "!!str ", "|", ">-", "'", "\"", "#", "%", "@", "`",
        "\t", "\n", "\r\n", "\0", "\\0", "\\u0000", ",", "---\n", "...\n", "<<: *a", "~", "null", "0o7777777777777777777777777",
        "99999999999999999999999", "1e400", "-.inf", ".nan", "0x", "${{", "}}", "${{search_space.", "\uFEFF", "\uD800", "é",
        "\"\\u0000\"", "{\"a\":", "[[", "]]", ",,", "true", "0b101",
    ];

    private static readonly Func<Random, string, string>[] Mutations =
    [
        DeleteRange, InsertToken, InsertToken, ReplaceChar, DuplicateLine, SwapLines, Reindent, Truncate, DeepNesting,
        AliasChain, ComplexKey, BlockInFlow, HugeNumber, SelfAlias, RepeatMutations,
    ];

    /// <summary>Mutates <paramref name="text"/> with the mutation chosen by <paramref name="seed"/>.</summary>
    public static string Mutate(string text, int seed)
    {
        var random = new Random(seed);
        return Mutations[random.Next(Mutations.Length)](random, text);
    }

    private static string RepeatMutations(Random random, string text)
    {
        for (var i = random.Next(2, 6); i > 0; i--)
        {
            text = Mutations[random.Next(Mutations.Length - 1)](random, text);
        }

        return text;
    }

    private static int Position(Random random, string text) => text.Length == 0 ? 0 : random.Next(text.Length + 1);

    private static string DeleteRange(Random random, string text)
    {
        var start = Position(random, text);
        var length = Math.Min(text.Length - start, random.Next(1, 40));
        return text.Remove(start, length);
    }

    private static string InsertToken(Random random, string text) => text.Insert(Position(random, text), Tokens[random.Next(Tokens.Length)]);

    private static string ReplaceChar(Random random, string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        var token = Tokens[random.Next(Tokens.Length)];
        return text.Remove(at, 1).Insert(at, token);
    }

    private static string[] Lines(string text) => text.Split('\n');

    private static string DuplicateLine(Random random, string text)
    {
        var lines = Lines(text).ToList();
        var at = random.Next(lines.Count);
        lines.Insert(at, lines[at]);
        return string.Join('\n', lines);
    }

    private static string SwapLines(Random random, string text)
    {
        var lines = Lines(text);
        var a = random.Next(lines.Length);
        var b = random.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }

    private static string Reindent(Random random, string text)
    {
        var lines = Lines(text);
        var at = random.Next(lines.Length);
        lines[at] = new string(' ', random.Next(0, 9)) + lines[at].TrimStart();
        return string.Join('\n', lines);
    }

    private static string Truncate(Random random, string text) => text[..Position(random, text)];

    private static string DeepNesting(Random random, string text)
    {
        var depth = random.Next(10, 5000);
        var nest = random.Next(2) == 0
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
        return InsertValue(random, text, nest);
    }

    private static string AliasChain(Random random, string text)
    {
        var levels = random.Next(2, 12);
        var width = random.Next(2, 10);
        var sb = new StringBuilder("[&l0 [x, y], ");
        for (var i = 1; i < levels; i++)
        {
            sb.Append("&l").Append(i).Append(" [").AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", width)).Append("], ");
        }

        sb.Append("*l").Append(levels - 1).Append(']');
        return InsertValue(random, text, sb.ToString());
    }

    private static string ComplexKey(Random random, string text) => InsertValue(random, text, random.Next(2) == 0 ? "{? [x]: 1}" : "{[a, b]: 1, {c: d}: 2}");

    private static string BlockInFlow(Random random, string text) => InsertValue(random, text, "[|\n  a\n ]");

    private static string HugeNumber(Random random, string text) => InsertValue(random, text, Tokens[32 + random.Next(4)]);

    private static string SelfAlias(Random random, string text) => InsertValue(random, text, "&s {m: {values: [*s]}}");

    /// <summary>Puts <paramref name="value"/> in place of the value of a random <c>key: value</c> line (or a JSON value).</summary>
    private static string InsertValue(Random random, string text, string value)
    {
        var lines = Lines(text);
        var candidates = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(": ", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return text + value;
        }

        var at = candidates[random.Next(candidates.Count)];
        var colon = lines[at].IndexOf(": ", StringComparison.Ordinal);
        lines[at] = lines[at][..(colon + 2)] + value;
        return string.Join('\n', lines);
    }
}
