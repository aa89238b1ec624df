using System.Text;
using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// The ignore file of a code folder, read as Azure ML does: only the folder's root <c>.amlignore</c>, else its root
/// <c>.gitignore</c>; gitwildmatch patterns (<c>*</c>, <c>?</c>, <c>**</c>, <c>[...]</c>, a trailing <c>/</c> for
/// folders only, a leading or inner <c>/</c> anchoring to the root, <c>!</c> to re-include, <c>#</c> comments); the
/// last matching pattern wins, and an excluded folder excludes everything under it.
/// </summary>
internal sealed class IgnoreRules
{
    private readonly List<Rule> _rules;

    private IgnoreRules(List<Rule> rules, string? source)
    {
        _rules = rules;
        Source = source;
    }

    /// <summary>Gets the ignore file that was read, if any.</summary>
    public string? Source { get; }

    public static IgnoreRules Load(string folder)
    {
        foreach (var name in new[] { ".amlignore", ".gitignore" })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return Parse(File.ReadAllLines(path), name);
            }
        }

        return new IgnoreRules([], null);
    }

    public static IgnoreRules Parse(IEnumerable<string> lines, string? source = null)
    {
        var rules = new List<Rule>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            line = TrimUnescapedTrailingSpaces(line);
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var negate = false;
            if (line.StartsWith('!'))
            {
                negate = true;
                line = line[1..];
            }
            else if (line.StartsWith("\\!", StringComparison.Ordinal)
                || line.StartsWith("\\#", StringComparison.Ordinal))
            {
                line = line[1..];
            }

            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0)
            {
                continue;
            }

            var anchored = line.Contains('/', StringComparison.Ordinal);
            line = line.TrimStart('/');
            var pattern = (anchored ? "^" : "^(?:.*/)?") + GlobToRegex(line) + "$";
            rules.Add(
                new Rule(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), negate,
                directoryOnly));
        }

        return new IgnoreRules(rules, source);
    }

    /// <summary>Gets whether <paramref name="relativePath"/> (with <c>/</c> separators) is excluded by the rules
    /// themselves (the caller skips the contents of excluded folders).</summary>
    public bool IsExcluded(string relativePath, bool isDirectory)
    {
        var excluded = false;
        foreach (var rule in _rules)
        {
            if (rule.DirectoryOnly && !isDirectory)
            {
                continue;
            }

            if (rule.Pattern.IsMatch(relativePath))
            {
                excluded = !rule.Negate;
            }
        }

        return excluded;
    }

    private static string TrimUnescapedTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] == ' ' && !(end > 1 && line[end - 2] == '\\'))
        {
            end--;
        }

        return line[..end];
    }

    private static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var leadingSlash = i == 0 || glob[i - 1] == '/';
                    var trailingSlash = i + 2 < glob.Length && glob[i + 2] == '/';
                    if (leadingSlash && trailingSlash)
                    {
                        regex.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        regex.Append(".*");
                        i++;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        break;
                    }

                    var set = glob[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }

    private sealed record Rule(Regex Pattern, bool Negate, bool DirectoryOnly);
}
