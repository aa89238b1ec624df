namespace HyperDrive.Fluent.Serialization;

/// <summary>An Azure ML YAML or JSON document could not be read; the message names the file, line and key.</summary>
public sealed class AzureMLFormatException : Exception
{
    private readonly IReadOnlyList<AzureMLFormatException>? _problems;

    /// <summary>Initializes a new exception.</summary>
    public AzureMLFormatException()
        : this("The document is not a valid Azure ML job.")
    {
    }

    /// <summary>Initializes a new exception.</summary>
    /// <param name="message">The message.</param>
    public AzureMLFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AzureMLFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new exception that points at a place in a document.</summary>
    /// <param name="problem">What is wrong and how to fix it.</param>
    /// <param name="file">The file, if the document came from one.</param>
    /// <param name="line">The 1-based line, if known.</param>
    /// <param name="column">The 1-based column, if known.</param>
    /// <param name="key">The key path (<c>limits.max_trials</c>), if known.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AzureMLFormatException(string problem, string? file, int? line, int? column, string? key,
        Exception? innerException = null)
        : base(Format(problem, file, line, column, key), innerException)
    {
        Problem = problem;
        File = file;
        Line = line;
        Column = column;
        Key = key;
    }

    private AzureMLFormatException(IReadOnlyList<AzureMLFormatException> problems)
        : base(string.Join("\n", problems.Select(p => p.Message)))
    {
        var first = problems[0];
        Problem = first.Problem;
        File = first.File;
        Line = first.Line;
        Column = first.Column;
        Key = first.Key;
        _problems = problems;
    }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string? Problem { get; }

    /// <summary>Gets the file, if the document came from one.</summary>
    public string? File { get; }

    /// <summary>Gets the 1-based line, if known.</summary>
    public int? Line { get; }

    /// <summary>Gets the 1-based column, if known.</summary>
    public int? Column { get; }

    /// <summary>Gets the key path, if known.</summary>
    public string? Key { get; }

    /// <summary>Gets every problem the reader found in the document, in document order (this exception's own
    /// <see cref="Problem"/>, <see cref="Line"/> and <see cref="Key"/> are the first one's). A reader records a problem
    /// confined to one key (an unknown key, a value of the wrong type) and goes on, so one read lists them all; the
    /// message has one line per problem.</summary>
    /// <value>This exception alone when it stands for one problem.</value>
    public IReadOnlyList<AzureMLFormatException> Problems => _problems ?? [this];

    /// <summary>One exception for several problems (at least one).</summary>
    internal static AzureMLFormatException Combine(IReadOnlyList<AzureMLFormatException> problems) =>
        problems.Count == 1 ? problems[0] : new AzureMLFormatException(problems);

    private static string Format(string problem, string? file, int? line, int? column, string? key)
    {
        var where = file ?? "<document>";
        if (line is { } l)
        {
            where += $"({l}{(column is { } c ? "," + c : string.Empty)})";
        }

        return key is null ? $"{where}: {problem}" : $"{where}: {key}: {problem}";
    }
}
