using System.Text.RegularExpressions;
using HyperDrive.Fluent.Serialization;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Tests;

/// <summary>Each package's README (src/&lt;package&gt;/README.md, packed as the package's PackageReadmeFile, copied next to
/// the tests) is a package README: it names the package, gives its install line and one example, and every link is
/// absolute, so it works on the package gallery.</summary>
public partial class PackageReadmeTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "PackageReadmes");

    public static TheoryData<string, string> Packages => new()
    {
        { "HyperDrive.Fluent", "dotnet add package HyperDrive.Fluent\n" },
        { "HyperDrive.Fluent.Local", "dotnet add package HyperDrive.Fluent.Local\n" },
        { "HyperDrive.Fluent.Azure", "dotnet add package HyperDrive.Fluent.Azure\n" },
        { "HyperDrive.Fluent.Extensions", "dotnet add package HyperDrive.Fluent.Extensions\n" },
        { "HyperDrive.Fluent.Testing", "dotnet add package HyperDrive.Fluent.Testing\n" },
        { "HyperDrive.Fluent.Cli", "dotnet tool install --global HyperDrive.Fluent.Cli\n" },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_package_README_has_its_install_line_one_example_and_only_absolute_links(string package, string install)
    {
        var readme = File.ReadAllText(Path.Combine(Root, package, "README.md"));

        readme.Should().StartWith($"# {package}");
        readme.Should().Contain("```sh\n" + install + "```", "the install line comes first, in its own block");
        Regex.Count(readme, "```(csharp|sh)\n").Should().BeGreaterThanOrEqualTo(2, "an install block and an example");
        var links = MarkdownLink().Matches(readme).Select(m => m.Groups["target"].Value).ToList();
        links.Should().NotBeEmpty().And.OnlyContain(
            l => l.StartsWith("https://github.com/hyperdrive-fluent/hyperdrive-fluent/blob/main/", StringComparison.Ordinal),
            "a relative link is broken on the package gallery");
    }

    [Fact]
    public void Every_packable_project_has_a_package_README()
    {
        Directory.GetDirectories(Root).Select(Path.GetFileName).Should().BeEquivalentTo(Packages.Select(p => (string)p[0]));
    }

    [Fact]
    public void The_core_package_README_example_runs()
    {
        // The example of src/HyperDrive.Fluent/README.md, as written there.
        SweepDefinition sweep = Sweep.For("02_train.py")        // python 02_train.py --alpha ${{search_space.alpha}}
            .Sample("--alpha", Uniform(0.05, 1.0))
            .Maximize("r2")
            .Bandit(2, 0.1)                                     // evaluation interval 2, slack factor 0.1
            .Runs(4, 2)                                         // 4 trials, 2 at a time
            .Build();                                           // immutable, validated

        string yaml = AzureMLYaml.Write(sweep);                 // az ml job create -f sweep.yml

        File.ReadAllText(Path.Combine(Root, "HyperDrive.Fluent", "README.md")).Should().Contain("string yaml = AzureMLYaml.Write(sweep);");
        yaml.Should().Contain("command: python 02_train.py --alpha ${{search_space.alpha}}");
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
