namespace HyperDrive.Fluent.Cli.Tests.Local;

/// <summary>A temporary folder holding a job file and the tiny python3 scripts its trials run; deleted afterwards.</summary>
internal sealed class LocalJobFolder : IDisposable
{
    public LocalJobFolder()
    {
        Path = Directory.CreateTempSubdirectory("hyperdrive-cli-run-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relative, string text)
    {
        var file = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a process that is still exiting may hold a file for a moment; the OS temp cleaner takes the rest
        }
    }
}
