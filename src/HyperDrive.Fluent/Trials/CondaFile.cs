using HyperDrive.Fluent.Serialization.Yaml;

namespace HyperDrive.Fluent.Trials;

/// <summary>
/// The conda specification of an <see cref="EnvironmentDefinition"/>: a path to a conda YAML file (relative to the
/// definition file) or the specification itself (CLI v2 <c>conda_file:</c> given as a mapping). A path read from a YAML
/// file also carries the file's content (read relative to that YAML file), so a component file in another folder keeps
/// its own conda file; a path given in code is read when the environment is created.
/// </summary>
public sealed record CondaFile
{
    internal CondaFile(string? path, string? content)
    {
        Path = path;
        Content = content;
    }

    /// <summary>Gets the path of the conda file, as the definition gives it (e.g. <c>./conda.yaml</c>).</summary>
    /// <value><see langword="null"/> when the specification is given inline.</value>
    public string? Path { get; }

    /// <summary>Gets the conda specification as YAML text (a mapping: <c>name</c>, <c>channels</c>,
    /// <c>dependencies</c>, ...).</summary>
    /// <value>The inline specification; for a <see cref="Path"/>, the file's text when the definition was read from a
    /// YAML file and the file existed, else <see langword="null"/> (it is read when the environment is
    /// created).</value>
    public string? Content { get; }

    /// <summary>A conda file given by its path.</summary>
    /// <param name="path">The path, relative to the definition file (or absolute).</param>
    /// <returns>The conda file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static CondaFile FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new CondaFile(path, null);
    }

    /// <summary>A conda specification given inline, as YAML text of a mapping (kept normalized: as the YAML writer
    /// emits it, without comments).</summary>
    /// <param name="yaml">The specification, e.g. <c>"channels: [conda-forge]\ndependencies: [python=3.10,
    /// pip]"</c>.</param>
    /// <returns>The conda file.</returns>
    /// <exception cref="ArgumentException"><paramref name="yaml"/> is empty, not YAML, or not a mapping.</exception>
    public static CondaFile FromContent(string yaml)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yaml);
        var mapping = YamlDocumentLoader.LoadMapping(yaml, null, out var problem)
            ?? throw new ArgumentException(
                $"The conda specification must be YAML text of a mapping (name, channels, dependencies): {problem}",
                nameof(yaml));

        // Kept as the YAML writer emits it (what reading the written file gives back), so a definition equals its round
        // trip.
        return new CondaFile(null, YamlTextEmitter.Emit(mapping));
    }
}
