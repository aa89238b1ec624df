namespace HyperDrive.Fluent.Cli.Tests;

/// <summary>Runs the tool in-process and captures its streams.</summary>
internal static class CliRunner
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HyperDriveCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
