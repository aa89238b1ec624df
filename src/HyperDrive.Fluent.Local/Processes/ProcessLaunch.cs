namespace HyperDrive.Fluent.Local.Processes;

/// <summary>What a process trial runs: one or more argv lists (run in order while each exits with 0), where, with what
/// environment, and where its output goes.</summary>
internal sealed record ProcessLaunch(
    IReadOnlyList<IReadOnlyList<string>> Commands,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string StdoutPath,
    string StderrPath);
