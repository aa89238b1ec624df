using HyperDrive.Fluent.Validation;

namespace HyperDrive.Fluent;

/// <summary>
/// Builds a command from a script shorthand (<c>02_train.py</c> → <c>python 02_train.py</c>) or a full template,
/// appending <c>--flag ${{section.name}}</c> for every parameter, input or output declared with a dash-prefixed key.
/// </summary>
internal sealed class CommandComposer
{
    private readonly string _baseCommand;
    private readonly List<(string Flag, string Placeholder)> _flags = [];

    public CommandComposer(string scriptOrCommand, bool isTemplate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptOrCommand);
        _baseCommand = isTemplate ? scriptOrCommand.Trim() : FromScript(scriptOrCommand.Trim());
    }

    /// <summary>Splits a user key into the bare name and the flag to append (<c>--alpha</c> → <c>alpha</c>,
    /// <c>--alpha</c>).</summary>
    public static (string Name, string? Flag) SplitKey(string key, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key, paramName);
        var name = key.TrimStart('-');
        if (name.Length == 0)
        {
            throw new ArgumentException($"'{key}' has no name after its dashes.", paramName);
        }

        if (!AzureNames.IsValidParameterName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: use letters, digits and underscores, starting with a letter or " +
                "underscore.", paramName);
        }

        return (name, name.Length == key.Length ? null : key);
    }

    public void AddFlag(string? flag, string placeholder)
    {
        if (flag is not null && !_baseCommand.Contains(placeholder, StringComparison.Ordinal))
        {
            _flags.Add((flag, placeholder));
        }
    }

    public string Compose() =>
        _flags.Count == 0 ? _baseCommand : _baseCommand + " "
            + string.Join(" ", _flags.Select(f => $"{f.Flag} {f.Placeholder}"));

    private static string FromScript(string script)
    {
        if (script.Any(char.IsWhiteSpace))
        {
            return script;
        }

        var extension = Path.GetExtension(script);
        return extension.ToUpperInvariant() switch
        {
            ".PY" => "python " + script,
            ".SH" => "bash " + script,
            ".R" => "Rscript " + script,
            ".JS" => "node " + script,
            _ => script,
        };
    }
}
