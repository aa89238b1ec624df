using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>The files of a code folder after its ignore file, and their Azure ML content hash (SHA-256, hash version
/// <c>202208</c>): the decimal file count; then, by lower-cased relative path, <c>#path#</c> and the decimal size of
/// each file; then each file's bytes in the same order.</summary>
internal sealed class CodeSnapshot
{
    public const string HashVersion = "202208";

    private CodeSnapshot(string root, IReadOnlyList<CodeFile> files, string hash, string? ignoreFile,
        IReadOnlyList<string> warnings)
    {
        Root = root;
        Files = files;
        Hash = hash;
        IgnoreFile = ignoreFile;
        Warnings = warnings;
    }

    /// <summary>Gets what was left out and why (symbolic links that lead out of the folder, broken links).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public string Root { get; }

    /// <summary>Gets the folder's own name (blobs are uploaded under it, as azure-ai-ml does).</summary>
    public string FolderName =>
        Path.GetFileName(Root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    public IReadOnlyList<CodeFile> Files { get; }

    public string Hash { get; }

    public string? IgnoreFile { get; }

    public static CodeSnapshot Create(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(
                $"The code folder '{root}' does not exist. Set the trial's code to an existing folder (relative " +
                "paths are resolved against SweepRunOptions.BaseDirectory).");
        }

        var rules = IgnoreRules.Load(root);
        var files = new List<CodeFile>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        Walk(new DirectoryInfo(root), root, string.Empty, rules, files, visited, warnings);
        if (files.Count == 0)
        {
            throw new InvalidOperationException(
                $"The code folder '{root}' is empty"
                    + (rules.Source is null ? "." : $" after applying its {rules.Source}.")
                    + " Put the training script in it, or fix the ignore file.");
        }

        files.Sort((a, b) =>
            string.CompareOrdinal(a.RelativePath.ToLowerInvariant(), b.RelativePath.ToLowerInvariant()));
        return new CodeSnapshot(root, files, ComputeHash(files), rules.Source, warnings);
    }

    private static void Walk(DirectoryInfo directory, string root, string prefix, IgnoreRules rules,
        List<CodeFile> files, HashSet<string> visited, List<string> warnings)
    {
        var resolved = directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;
        if (!visited.Add(resolved))
        {
            return;
        }

        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = prefix + entry.Name;
            var isDirectory = entry is DirectoryInfo;
            if (rules.IsExcluded(relative, isDirectory))
            {
                continue;
            }

            if (entry.LinkTarget is { } link)
            {
                // A symbolic link is uploaded only when it stays inside the code folder: one that leads out of it (to a
                // secret, the home folder, /) would publish files the user never put in the code (issue 15).
                var target = SafeResolve(entry);
                if (target is null || !target.Exists)
                {
                    warnings.Add($"Skipped '{relative}': a symbolic link to '{link}', which does not exist.");
                    continue;
                }

                if (!IsInside(target.FullName, root))
                {
                    warnings.Add(
                        $"Skipped '{relative}': a symbolic link to '{target.FullName}', outside the code folder " +
                        $"'{root}'. Links out of the code folder are not uploaded; copy what the trial needs into " +
                        "the folder.");
                    continue;
                }
            }

            if (entry is DirectoryInfo child)
            {
                Walk(child, root, relative + "/", rules, files, visited, warnings);
            }
            else
            {
                var info = new FileInfo(entry.FullName);
                var length = info.LinkTarget is null ? info.Length
                    : new FileInfo(info.ResolveLinkTarget(true)!.FullName).Length;
                files.Add(new CodeFile(entry.FullName, relative, length));
            }
        }
    }

    private static FileSystemInfo? SafeResolve(FileSystemInfo entry)
    {
        try
        {
            return entry.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsInside(string path, string root)
    {
        var full = Path.GetFullPath(path);
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(full, root, comparison) || full.StartsWith(rootWithSeparator, comparison);
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
