namespace HyperDrive.Fluent.Local.Processes;

/// <summary>How a process trial ended: its exit code (of the first command that failed, else the last) and the last lines of stderr.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StderrTail);
