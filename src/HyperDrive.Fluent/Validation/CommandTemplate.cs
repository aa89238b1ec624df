using System.Text.RegularExpressions;

namespace HyperDrive.Fluent.Validation;

/// <summary>Finds and substitutes the <c>${{section.name}}</c> placeholders of an Azure ML command template.</summary>
public static partial class CommandTemplate
{
    /// <summary>Finds every placeholder in <paramref name="command"/>, including the legacy <c>{search_space.x}</c>
    /// form.</summary>
    /// <param name="command">The command template.</param>
    /// <returns>The placeholders in order of appearance.</returns>
    public static IReadOnlyList<CommandPlaceholder> FindPlaceholders(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var found = new List<CommandPlaceholder>();
        foreach (Match match in PlaceholderPattern().Matches(command))
        {
            var legacy = !match.Value.StartsWith('$');
            found.Add(
                new CommandPlaceholder(match.Groups["section"].Value, match.Groups["name"].Value, match.Value,
                match.Index, legacy));
        }

        return found;
    }

    /// <summary>Replaces every placeholder for which <paramref name="resolve"/> returns a value.</summary>
    /// <param name="text">The text holding placeholders.</param>
    /// <param name="resolve">Returns the replacement of a placeholder, or <see langword="null"/> to keep it.</param>
    /// <returns>The substituted text.</returns>
    public static string Substitute(string text, Func<CommandPlaceholder, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(resolve);
        return PlaceholderPattern().Replace(text, match =>
        {
            var placeholder = new CommandPlaceholder(
                match.Groups["section"].Value, match.Groups["name"].Value, match.Value, match.Index,
                    !match.Value.StartsWith('$'));
            return resolve(placeholder) ?? match.Value;
        });
    }

    /// <summary>The command with each legacy single-brace placeholder (<c>{search_space.x}</c>, <c>{inputs.x}</c>,
    /// <c>{outputs.x}</c>) rewritten to <c>${{...}}</c>, as azure-ai-ml's <c>map_single_brackets_and_warn</c> does
    /// before it sends a command (the recorded PUT of <c>sweep_job_test.yaml</c>, written with
    /// <c>{search_space.lr}</c>, carries <c>${{search_space.lr}}</c>).</summary>
    internal static string RewriteLegacy(string command) =>
        Substitute(command, p => p.IsLegacy ? $"${{{{{p.Section}.{p.Name}}}}}" : null);

    /// <summary>The <c>${{search_space.NAME}}</c> placeholder for a parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The placeholder text.</returns>
    public static string SearchSpace(string name) => $"${{{{search_space.{name}}}}}";

    /// <summary>The <c>${{inputs.NAME}}</c> placeholder for an input.</summary>
    /// <param name="name">The input name.</param>
    /// <returns>The placeholder text.</returns>
    public static string Input(string name) => $"${{{{inputs.{name}}}}}";

    /// <summary>The <c>${{outputs.NAME}}</c> placeholder for an output.</summary>
    /// <param name="name">The output name.</param>
    /// <returns>The placeholder text.</returns>
    public static string Output(string name) => $"${{{{outputs.{name}}}}}";

    [GeneratedRegex(
        @"\$\{\{\s*(?<section>search_space|inputs|outputs)\.(?<name>[A-Za-z0-9_\-\.]+?)\s*\}\}" +
        @"|(?<!\$)(?<!\{)\{(?<section>search_space|inputs|outputs)\.(?<name>[A-Za-z0-9_\-]+)\}(?!\})")]
    private static partial Regex PlaceholderPattern();
}
