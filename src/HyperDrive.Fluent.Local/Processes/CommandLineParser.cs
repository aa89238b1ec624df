using System.Text;

namespace HyperDrive.Fluent.Local.Processes;

/// <summary>
/// Splits a command template into argv words the way a POSIX shell splits words with quotes, without any expansion and
/// without a shell: single quotes are literal, double quotes allow <c>\"</c>, <c>\\</c>, <c>\$</c> and <c>\`</c>, a
/// backslash outside quotes escapes the next character, and a <c>${{...}}</c> placeholder is kept whole.
/// <c>&amp;&amp;</c> separates commands that run one after the other while each succeeds; other shell operators
/// (<c>|</c>, <c>;</c>, <c>||</c>, <c>&amp;</c>, redirections, <c>$(...)</c>, backticks) are rejected because no shell
/// runs them.
/// </summary>
internal static class CommandLineParser
{
    /// <summary>Splits <paramref name="command"/> into commands and their words.</summary>
    /// <exception cref="FormatException">The command uses an unsupported operator or has an unclosed quote.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var commands = new List<IReadOnlyList<string>>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void EndCommand(int at)
        {
            EndWord();
            if (words.Count == 0)
            {
                throw new FormatException($"'&&' at position {at} has no command before it.");
            }

            commands.Add(words.ToArray());
            words.Clear();
        }

        while (i < command.Length)
        {
            var c = command[i];
            if (c == '$' && i + 2 < command.Length && command[i + 1] == '{' && command[i + 2] == '{')
            {
                var end = command.IndexOf("}}", i + 3, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"The placeholder at position {i} is not closed with '}}}}'.");
                }

                word.Append(command, i, end + 2 - i);
                inWord = true;
                i = end + 2;
                continue;
            }

            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    EndWord();
                    i++;
                    break;
                case '\\':
                    if (i + 1 < command.Length)
                    {
                        if (command[i + 1] != '\n')
                        {
                            word.Append(command[i + 1]);
                            inWord = true;
                        }

                        i += 2;
                    }
                    else
                    {
                        word.Append(c);
                        inWord = true;
                        i++;
                    }

                    break;
                case '\'':
                {
                    var end = command.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new FormatException($"The single quote at position {i} is never closed.");
                    }

                    word.Append(command, i + 1, end - i - 1);
                    inWord = true;
                    i = end + 1;
                    break;
                }

                case '"':
                    i = ReadDoubleQuoted(command, i, word);
                    inWord = true;
                    break;
                case '&' when i + 1 < command.Length && command[i + 1] == '&':
                    EndCommand(i);
                    i += 2;
                    break;
                case '&' or '|' or ';' or '<' or '>' or '`':
                    throw new FormatException(
                        $"'{Operator(command, i)}' at position {i} is a shell operator, and trial commands run " +
                            "without a shell.");
                case '$' when i + 1 < command.Length && command[i + 1] == '(':
                    throw new FormatException(
                        $"'$(' at position {i} is a shell substitution, and trial commands run without a shell.");
                default:
                    word.Append(c);
                    inWord = true;
                    i++;
                    break;
            }
        }

        EndWord();
        if (words.Count == 0)
        {
            if (commands.Count > 0)
            {
                throw new FormatException("The command ends with '&&' and nothing after it.");
            }

            throw new FormatException("The command is empty.");
        }

        commands.Add(words.ToArray());
        return commands;
    }

    private static int ReadDoubleQuoted(string command, int start, StringBuilder word)
    {
        var i = start + 1;
        while (i < command.Length)
        {
            var c = command[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`' or '\n')
            {
                if (command[i + 1] != '\n')
                {
                    word.Append(command[i + 1]);
                }

                i += 2;
                continue;
            }

            if (c == '$' && i + 2 < command.Length && command[i + 1] == '{' && command[i + 2] == '{')
            {
                var end = command.IndexOf("}}", i + 3, StringComparison.Ordinal);
                if (end >= 0)
                {
                    word.Append(command, i, end + 2 - i);
                    i = end + 2;
                    continue;
                }
            }

            word.Append(c);
            i++;
        }

        throw new FormatException($"The double quote at position {start} is never closed.");
    }

    private static string Operator(string command, int i) =>
        i + 1 < command.Length && command[i + 1] == command[i] && command[i] is '|' or '>' or '<'
            ? command.Substring(i, 2) : command[i].ToString();
}
