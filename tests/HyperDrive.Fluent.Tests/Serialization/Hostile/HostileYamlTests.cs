using System.Text;
using HyperDrive.Fluent.SearchSpaces;
using HyperDrive.Fluent.Serialization;

namespace HyperDrive.Fluent.Tests.Serialization.Hostile;

/// <summary>Issue 15: inputs that used to escape the YAML reader as InvalidCast/Overflow/InvalidOperation exceptions, stack
/// overflows or runaway memory; each must now be an <see cref="AzureMLFormatException"/> naming the file and line.</summary>
public class HostileYamlTests
{
    private const string Head = """
        type: sweep
        trial:
          command: python train.py --x ${{search_space.x}}
          environment: azureml:env:1
        sampling_algorithm: random
        objective:
          goal: maximize
          primary_metric: acc
        limits:
          max_total_trials: 4

        """;

    private static AzureMLFormatException Reject(string yaml, AzureMLReadLimits? limits = null)
    {
        var options = new AzureMLYamlReadOptions { SourcePath = "job.yml" };
        if (limits is not null)
        {
            options.Limits = limits;
        }

        var act = () => AzureMLYaml.Read(yaml, options);
        var error = act.Should().Throw<AzureMLFormatException>().Which;
        error.File.Should().Be("job.yml");
        return error;
    }

    [Theory]
    [InlineData("tags:\n  ? [x]\n  : 1\n", 12)]
    [InlineData("tags:\n  ? {a: 1}\n  : 1\n", 12)]
    [InlineData("inputs:\n  ? [x]\n  : 1\n", 12)]
    [InlineData("search_space:\n  ? [x]\n  : {type: choice, values: [1]}\n", 12)]
    [InlineData("search_space:\n  x: {type: choice, values: [{? [k]: 1}]}\n", 12)]
    public void A_complex_key_is_rejected_at_its_line(string tail, int line)
    {
        var error = Reject(Head + tail);

        error.Message.Should().Contain("keys must be plain names");
        error.Line.Should().Be(line);
    }

    [Fact]
    public void A_huge_plain_octal_reads_as_a_real_and_written_quoted_stays_a_string()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Head + "search_space:\n  x: {type: choice, values: [0o7777777777777777777777777]}\n");
        var choice = (ChoiceDistribution)sweep.SearchSpace["x"];
        choice.Values[0].Should().BeOfType<double>();

        var quoted = (SweepDefinition)AzureMLYaml.Read(Head + "search_space:\n  x: {type: choice, values: [\"0o7777777777777777777777777\"]}\n");
        var written = AzureMLYaml.Write(quoted);
        written.Should().Contain("[\"0o7777777777777777777777777\"]");
        ((ChoiceDistribution)((SweepDefinition)AzureMLYaml.Read(written)).SearchSpace["x"]).Values[0].Should().Be("0o7777777777777777777777777");
    }

    [Theory]
    [InlineData("0x7FFFFFFFFFFFFFFF", 9223372036854775807L, null)]
    [InlineData("0xFFFFFFFFFFFFFFFF", null, 18446744073709551615.0)]
    [InlineData("0x1FFFFFFFFFFFFFFFFF", null, 590295810358705651711.0)]
    [InlineData("0o1777777777777777777777", null, 18446744073709551615.0)]
    [InlineData("0x1f", 31L, null)]
    public void Hex_and_octal_integers_are_unsigned_and_beyond_64_bits_read_as_reals(string text, long? whole, double? real)
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Head + $"search_space:\n  x: {{type: choice, values: [{text}]}}\n");

        var value = ((ChoiceDistribution)sweep.SearchSpace["x"]).Values[0];

        value.Should().Be(whole is { } l ? (object)l : real!.Value, "0xFFFFFFFFFFFFFFFF is 2^64 - 1, never -1");
    }

    [Theory]
    [InlineData("search_space:\n  x: {type: choice, values: [a, |\n  b]}\n")]
    [InlineData("search_space:\n  x: {type: choice, values: [a, >-\n  b\n]}\n")]
    [InlineData("tags: {a: |\n  b}\n")]
    [InlineData("tags: [- a]\n")]
    public void A_block_scalar_inside_a_flow_sequence_is_a_syntax_error_with_its_line(string tail)
    {
        var error = Reject(Head + tail);

        error.Line.Should().BeGreaterThanOrEqualTo(11);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Nesting_forty_thousand_deep_is_refused_at_the_limit_without_a_stack_overflow(char open, char close)
    {
        var deep = open == '['
            ? new string('[', 40_000) + new string(']', 40_000)
            : string.Concat(Enumerable.Repeat("{a: ", 40_000)) + "1" + new string('}', 40_000);
        var error = Reject(Head + "tags:\n  x: " + deep + "\n");

        error.Message.Should().Contain("nested deeper than 64 levels");
        error.Line.Should().Be(12);
        _ = close;
    }

    [Fact]
    public void Block_nesting_beyond_a_configured_depth_is_refused_with_the_line()
    {
        var yaml = new StringBuilder(Head).Append("tags:\n");
        for (var i = 1; i <= 12; i++)
        {
            yaml.Append(new string(' ', 2 * i)).Append('k').Append(i).Append(":\n");
        }

        var error = Reject(yaml.ToString(), new AzureMLReadLimits { MaxDepth = 10 });

        error.Message.Should().Contain("nested deeper than 10 levels");
        error.Line.Should().Be(21);
    }

    [Fact]
    public void A_self_referencing_alias_is_refused()
    {
        var error = Reject(Head + "search_space:\n  x: &a {type: choice, values: [{m: {type: choice, values: [*a]}}]}\n");

        error.Message.Should().Contain("alias *a is inside the node it refers to");
        error.Line.Should().Be(12);
    }

    [Fact]
    public void An_alias_billion_laughs_through_nested_choices_is_refused_by_expanded_size()
    {
        // Each level is a choice of nine aliases of the level below: nine levels expand to 9^9 nodes.
        var yaml = new StringBuilder(Head).Append("tags:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append("  l").Append(i).Append(": &l").Append(i).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat($"*l{i - 1}", 9)).Append("]\n");
        }

        var error = Reject(yaml.ToString());

        error.Message.Should().Contain("aliases expand the document by more than 100,000 nodes");
    }

    [Fact]
    public void Aliases_beyond_the_count_limit_are_refused()
    {
        var yaml = Head + "tags:\n  a: &a v\n" + string.Concat(Enumerable.Range(0, 5).Select(i => $"  b{i}: *a\n"));

        var error = Reject(yaml, new AzureMLReadLimits { MaxAliases = 4 });

        error.Message.Should().Contain("more than 4 aliases");
        error.Line.Should().Be(17);
    }

    [Fact]
    public void A_few_aliases_as_real_files_use_them_still_read()
    {
        var sweep = (SweepDefinition)AzureMLYaml.Read(Head + "search_space:\n  x: &c {type: choice, values: [1, 2]}\n  y: *c\ntags:\n  a: &v shared\n  b: *v\n");

        sweep.Tags["b"].Should().Be("shared");
        sweep.SearchSpace["y"].Should().Be(sweep.SearchSpace["x"]);
    }

    [Fact]
    public void A_nul_in_a_choice_value_is_an_error_not_a_cut_string()
    {
        var error = Reject(Head + "search_space:\n  x: {type: choice, values: [\"a\\0b\"]}\n");

        error.Message.Should().Contain("NUL character");
        error.Line.Should().Be(12);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        var error = Reject(Head + "description: " + new string('x', 2000) + "\n", new AzureMLReadLimits { MaxDocumentSize = 1000 });

        error.Message.Should().Contain("over the limit of 1,000").And.Contain("MaxDocumentSize");
    }

    [Fact]
    public async Task A_file_over_the_default_ten_megabytes_is_refused_from_its_size()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hostile-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, Head + "description: " + new string('x', 10 * 1024 * 1024) + "\n");
        try
        {
            var act = () => AzureMLYaml.ReadFileAsync(path);
            var error = (await act.Should().ThrowAsync<AzureMLFormatException>()).Which;
            error.File.Should().Be(path);
            error.Message.Should().Contain("over the limit of 10,485,760");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_second_document_is_refused_at_its_line_without_reading_the_rest()
    {
        // Found by the reader-fuzz benchmark: 100,000 '---' documents cost 265 MB before the documents were counted.
        var manyDocuments = Head + string.Concat(Enumerable.Repeat("---\na: 1\n", 100_000));

        var error = Reject(manyDocuments);

        error.Message.Should().Contain("expected one YAML document, found several (separated by ---)");
        error.Line.Should().Be(11, "the first '---' after the job (line 11) starts the second document");
        error.Problems.Should().ContainSingle();
    }

    [Fact]
    public void Thousands_of_unknown_keys_list_the_first_hundred_and_count_the_rest()
    {
        // Found by the reader-fuzz benchmark: 60,000 unknown keys built a 700 MB message (each names the valid keys).
        var yaml = Head + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"unknown_{i}: 1\n"));

        var error = Reject(yaml);

        error.Problems.Should().HaveCount(101);
        error.Problems.Take(100).Should().OnlyContain(p => p.Problem!.StartsWith("unknown key 'unknown_", StringComparison.Ordinal));
        error.Problems[0].Line.Should().Be(11);
        // 60,000 unknown keys and the missing search_space the command refers to: 60,001 problems, 100 listed.
        error.Problems[^1].Problem.Should().Be("... and 59,901 more problems after these 100 (not listed); fix these and read the file again.");
        error.Message.Length.Should().BeLessThan(100_000);
    }

    [Fact]
    public void A_huge_value_is_quoted_cut_in_the_error()
    {
        var error = Reject(Head + "search_space: " + new string('x', 1_000_000) + "\n");

        error.Key.Should().Be("search_space");
        error.Message.Should().Contain("got 'xxxxxxxxxx").And.Contain("...' (1,000,000 characters)");
        error.Message.Length.Should().BeLessThan(1000);
    }

    [Fact]
    public void Limits_reject_values_out_of_range()
    {
        var act = () => new AzureMLReadLimits { MaxDepth = 0 };

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
