namespace HyperDrive.Fluent.Local.Processes;

/// <summary>How a process trial ended: its exit code (of the first command that failed, else the last), the last lines
/// of stderr, and why its logs could not be written (a full disk), if they could not.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StderrTail, string? LogWriteError = null);
