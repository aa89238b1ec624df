using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>The files of a code folder after its ignore file, and their Azure ML content hash (SHA-256, hash version
/// <c>202208</c>): the decimal file count; then, by lower-cased relative path, <c>#path#</c> and the decimal size of each
/// file; then each file's bytes in the same order.</summary>
internal sealed class CodeSnapshot
{
    public const string HashVersion = "202208";

    private CodeSnapshot(string root, IReadOnlyList<CodeFile> files, string hash, string? ignoreFile)
    {
        Root = root;
        Files = files;
        Hash = hash;
        IgnoreFile = ignoreFile;
    }

    public string Root { get; }

    /// <summary>Gets the folder's own name (blobs are uploaded under it, as azure-ai-ml does).</summary>
    public string FolderName => Path.GetFileName(Root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    public IReadOnlyList<CodeFile> Files { get; }

    public string Hash { get; }

    public string? IgnoreFile { get; }

    public static CodeSnapshot Create(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The code folder '{root}' does not exist. Set the trial's code to an existing folder (relative paths are resolved against SweepRunOptions.BaseDirectory).");
        }

        var rules = IgnoreRules.Load(root);
        var files = new List<CodeFile>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), string.Empty, rules, files, visited);
        if (files.Count == 0)
        {
            throw new InvalidOperationException(
                $"The code folder '{root}' is empty" + (rules.Source is null ? "." : $" after applying its {rules.Source}.") + " Put the training script in it, or fix the ignore file.");
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath.ToLowerInvariant(), b.RelativePath.ToLowerInvariant()));
        return new CodeSnapshot(root, files, ComputeHash(files), rules.Source);
    }

    private static void Walk(DirectoryInfo directory, string prefix, IgnoreRules rules, List<CodeFile> files, HashSet<string> visited)
    {
        var resolved = directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;
        if (!visited.Add(resolved))
        {
            return;
        }

        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            if (entry is DirectoryInfo child)
            {
                if (!rules.IsExcluded(relative, isDirectory: true))
                {
                    Walk(child, relative + "/", rules, files, visited);
                }
            }
            else if (!rules.IsExcluded(relative, isDirectory: false))
            {
                var info = new FileInfo(entry.FullName);
                var length = info.LinkTarget is null ? info.Length : new FileInfo(info.ResolveLinkTarget(true)!.FullName).Length;
                files.Add(new CodeFile(entry.FullName, relative, length));
            }
        }
    }

    private static string ComputeHash(List<CodeFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(files.Count.ToString(CultureInfo.InvariantCulture)));
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes("#" + file.RelativePath + "#"));
            hash.AppendData(Encoding.UTF8.GetBytes(file.Length.ToString(CultureInfo.InvariantCulture)));
        }

        var buffer = new byte[81920];
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file.FullPath);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
