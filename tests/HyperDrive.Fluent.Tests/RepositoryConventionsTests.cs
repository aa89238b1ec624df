namespace HyperDrive.Fluent.Tests;

/// <summary>The conventions of .editorconfig that the compiler does not check.</summary>
public class RepositoryConventionsTests
{
    private const int MaxLineLength = 120;

    [Fact]
    public void Source_lines_are_at_most_120_characters()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var tooLong = files
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, number: index + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(src, l.file)}:{l.number} ({l.Length} characters)")
            .ToList();

        files.Should().HaveCountGreaterThan(100, "the test reads the real source tree");
        tooLong.Should().BeEmpty("lines in src/ are at most {0} characters (.editorconfig max_line_length)", MaxLineLength);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HyperDrive.Fluent.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No HyperDrive.Fluent.sln above {AppContext.BaseDirectory}.");
    }
}
