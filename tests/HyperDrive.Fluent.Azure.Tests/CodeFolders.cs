namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Creates code folders under the temp directory (each test gets its own).</summary>
public static class CodeFolders
{
    public static string Create(params (string Path, string Content)[] files) => CreateNamed("src", files);

    public static string CreateNamed(string name, params (string Path, string Content)[] files)
    {
        var root = Path.Combine(Path.GetTempPath(), "hdf-azure-tests", Guid.NewGuid().ToString("N"), name);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return root;
    }
}
