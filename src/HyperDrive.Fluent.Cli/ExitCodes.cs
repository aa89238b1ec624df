namespace HyperDrive.Fluent.Cli;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success (a valid file, a written payload, a completed run).</summary>
    public const int Success = 0;

    /// <summary>The input is invalid or the operation failed; stderr says why.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>The run was canceled (Ctrl+C).</summary>
    public const int Canceled = 130;
}
