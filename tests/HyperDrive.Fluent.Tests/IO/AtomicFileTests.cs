using HyperDrive.Fluent.IO;

namespace HyperDrive.Fluent.Tests.IO;

/// <summary>Issue 12: the one atomic writer every package uses (results, reports, YAML files, the CLI's outputs).</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hd-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_write_creates_the_folder_replaces_the_file_and_leaves_no_temporary()
    {
        var path = Path.Combine(_folder, "nested", "out.txt");

        AtomicFile.WriteAllText(path, "first é");
        await AtomicFile.WriteAllTextAsync(path, "second", CancellationToken.None);

        File.ReadAllText(path).Should().Be("second");
        File.ReadAllBytes(path).Take(3).Should().NotEqual([0xEF, 0xBB, 0xBF], "no byte order mark");
        Directory.EnumerateFiles(Path.GetDirectoryName(path)!).Should().ContainSingle();
        AtomicFile.TemporaryFor(path).Should().Be(Path.Combine(_folder, "nested", ".out.txt.tmp"));
    }

    [Fact]
    public void A_write_that_fails_keeps_the_old_content_and_removes_its_temporary()
    {
        var path = Path.Combine(_folder, "sweep.json");
        AtomicFile.WriteAllText(path, "{\"whole\":true}");

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"half"u8);
            throw new IOException("No space left on device");
        });

        act.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("{\"whole\":true}");
        File.Exists(AtomicFile.TemporaryFor(path)).Should().BeFalse();
    }

    [Fact]
    public async Task A_canceled_write_leaves_the_target_as_it_was()
    {
        var path = Path.Combine(_folder, "report.html");
        AtomicFile.WriteAllText(path, "old");
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var act = () => AtomicFile.WriteAllTextAsync(path, "new", canceled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        File.ReadAllText(path).Should().Be("old");
        File.Exists(AtomicFile.TemporaryFor(path)).Should().BeFalse();
    }
}
