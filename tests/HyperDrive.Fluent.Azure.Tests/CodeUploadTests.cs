using System.Text.Json;
using HyperDrive.Fluent.Azure.Tests.Fakes;

namespace HyperDrive.Fluent.Azure.Tests;

public sealed class CodeUploadTests : FakeServerTest
{
    [Fact]
    public async Task A_code_folder_is_uploaded_to_the_SAS_location_honouring_amlignore_and_registered_with_its_hash()
    {
        var folder = CodeFolders.Create(
            ("train.py", "print('train')\n"),
            ("lib/util.py", "X = 1\n"),
            ("README.md", "# readme\n"),
            ("data/big.csv", "1,2,3\n"),
            ("notes.log", "debug\n"),
            (".amlignore", "data/\n*.log\n.amlignore\n"));
        var client = Fake.CreateClient();

        var code = (await client.UploadCodeAsync(folder)).Value;

        code.Reused.Should().BeFalse();
        code.UploadedFileCount.Should().Be(3);
        code.ContentHash.Should().Be("53c4180afc344fb6c2d2a62637bb650db79800f658794e086e144f066bc0873b", "the azure-ai-ml 202208 hash of the three kept files");
        var container = "tmp-hdf-code-" + code.ContentHash![..32] + "-1";
        Fake.Blobs.Keys.Should().BeEquivalentTo($"{container}/src/train.py", $"{container}/src/lib/util.py", $"{container}/src/README.md");
        Fake.Count("POST", "/startPendingUpload").Should().Be(1);
        code.Id.Should().Be($"{FakeAzureML.WorkspacePath}/codes/hdf-code-{code.ContentHash[..32]}/versions/1");
        var put = Fake.Requests.Single(r => r.Method == "PUT" && r.Path.Contains("/codes/", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(put.Body);
        var properties = body.RootElement.GetProperty("properties");
        properties.GetProperty("codeUri").GetString().Should().Be($"{Fake.Endpoint.AbsoluteUri.TrimEnd('/')}/fakestorage/{container}/src");
        properties.GetProperty("isAnonymous").GetBoolean().Should().BeTrue();
        properties.GetProperty("properties").GetProperty("hash_sha256").GetString().Should().Be(code.ContentHash);
        properties.GetProperty("properties").GetProperty("hash_version").GetString().Should().Be("202208");
    }

    [Fact]
    public async Task The_same_content_is_never_uploaded_twice_by_one_client_or_by_a_new_one()
    {
        var folder = CodeFolders.Create(("train.py", "print('x')"));
        var first = Fake.CreateClient();

        var uploads = (await Task.WhenAll(first.UploadCodeAsync(folder), first.UploadCodeAsync(folder), first.UploadCodeAsync(folder))).Select(r => r.Value).ToArray();
        var again = (await Fake.CreateClient().UploadCodeAsync(CodeFolders.Create(("train.py", "print('x')")))).Value;

        uploads.Select(u => u.Id).Distinct().Should().ContainSingle();
        again.Reused.Should().BeTrue("the workspace already has a code version with this hash");
        again.Id.Should().Be(uploads[0].Id);
        Fake.Count("POST", "/startPendingUpload").Should().Be(1);
        Fake.Blobs.Should().HaveCount(1);
        Fake.Count("PUT", "/codes/").Should().Be(1);
    }

    [Fact]
    public async Task Gitignore_is_used_when_there_is_no_amlignore_and_negation_re_includes()
    {
        var folder = CodeFolders.Create(("a.py", "a"), ("b.tmp", "b"), ("keep.tmp", "k"), ("out/x.bin", "x"), (".gitignore", "*.tmp\n!keep.tmp\n/out\n"));
        var client = Fake.CreateClient();

        var code = (await client.UploadCodeAsync(folder)).Value;

        Fake.Blobs.Keys.Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).Should().BeEquivalentTo("src/a.py", "src/keep.tmp", "src/.gitignore");
        code.UploadedFileCount.Should().Be(3);
    }

    [Fact]
    public async Task A_folder_left_empty_by_its_ignore_file_is_rejected_before_any_call()
    {
        var folder = CodeFolders.Create(("a.log", "a"), (".amlignore", "*\n"));
        var client = Fake.CreateClient();

        var act = () => client.UploadCodeAsync(folder);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*is empty after applying its .amlignore*fix the ignore file*");
        Fake.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Upload_faults_are_retried_and_still_upload_once()
    {
        var folder = CodeFolders.Create(("train.py", "print('y')"));
        Fake.Inject(new Fault { Method = "PUT", PathContains = "/fakestorage/", Kind = FaultKind.Status, Status = 503 });
        Fake.Inject(new Fault { Method = "POST", PathContains = "/startPendingUpload", Kind = FaultKind.Status, Status = 429, RetryAfterSeconds = 0 });
        var client = Fake.CreateClient();

        var code = (await client.UploadCodeAsync(folder)).Value;

        code.Reused.Should().BeFalse();
        Fake.Blobs.Should().HaveCount(1);
        Fake.Codes.Should().ContainSingle();
    }

    [Fact]
    public async Task Symbolic_links_out_of_the_code_folder_are_not_followed_but_skipped_with_a_warning()
    {
        var folder = CodeFolders.Create(("train.py", "print('train')\n"), ("lib/util.py", "X = 1\n"));
        var outside = CodeFolders.CreateNamed("secrets", ("token.txt", "secret-token\n"));
        File.CreateSymbolicLink(Path.Combine(folder, "token.txt"), Path.Combine(outside, "token.txt"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "secrets"), outside);
        File.CreateSymbolicLink(Path.Combine(folder, "util_link.py"), Path.Combine(folder, "lib", "util.py"));
        File.CreateSymbolicLink(Path.Combine(folder, "dangling"), Path.Combine(folder, "no-such-file"));
        var client = Fake.CreateClient();

        var code = (await client.UploadCodeAsync(folder)).Value;

        Fake.Blobs.Keys.Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).Should().BeEquivalentTo("src/train.py", "src/lib/util.py", "src/util_link.py");
        Fake.Blobs.Values.Select(System.Text.Encoding.UTF8.GetString).Should().NotContain(v => v.Contains("secret-token", StringComparison.Ordinal));
        code.Warnings.Should().HaveCount(3);
        code.Warnings.Should().Contain(w => w.StartsWith("Skipped 'secrets': a symbolic link to '" + outside + "', outside the code folder", StringComparison.Ordinal));
        code.Warnings.Should().Contain(w => w.StartsWith("Skipped 'token.txt': a symbolic link to", StringComparison.Ordinal) && w.Contains("copy what the trial needs into the folder", StringComparison.Ordinal));
        code.Warnings.Should().Contain(w => w.StartsWith("Skipped 'dangling': a symbolic link to", StringComparison.Ordinal) && w.Contains("does not exist", StringComparison.Ordinal));
    }
}
