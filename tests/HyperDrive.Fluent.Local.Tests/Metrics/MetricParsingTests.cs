using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local.Metrics;
using HyperDrive.Fluent.Local.Processes;

namespace HyperDrive.Fluent.Local.Tests.Metrics;

public class MetricParsingTests
{
    private readonly StdoutMetricParser _parser = new(["loss", "accuracy", "Score"], [new MetricPattern("r2", @"R2: (\S+)")]);

    [Theory]
    [InlineData("loss=0.3", "loss", 0.3)]
    [InlineData("accuracy = .98", "accuracy", 0.98)]
    [InlineData("Score=-7.53e-05", "Score", -7.53e-05)]
    [InlineData("Score=1E0", "Score", 1.0)]
    [InlineData("epoch 3: R2: 0.75", "r2", 0.75)]
    public void Reads_Katib_format_and_user_regexes(string line, string metric, double value) =>
        _parser.Parse(line).Should().ContainSingle().Which.Should().Match<(string Name, double Value, DateTimeOffset? Timestamp)>(m => m.Name == metric && m.Value == value);

    [Fact]
    public void Filters_to_declared_names_and_reads_every_match_and_a_leading_timestamp()
    {
        var found = _parser.Parse("2024-05-01T10:00:00.5Z epoch=2 loss=0.4 accuracy=0.9 lr=0.01");

        found.Select(f => (f.Name, f.Value)).Should().Equal(("loss", 0.4), ("accuracy", 0.9));
        found.Should().OnlyContain(f => f.Timestamp == new DateTimeOffset(2024, 5, 1, 10, 0, 0, 500, TimeSpan.Zero));
        _parser.Parse("epoch=2 lr=0.01").Should().BeEmpty();
        _parser.Parse("loss=abc").Should().BeEmpty();
        _parser.Parse("loss=0.1")[0].Timestamp.Should().BeNull();
    }

    [Theory]
    [InlineData("loss=np.float64(0.351)", 0.351)]                 // NumPy >= 2 prints a scalar as its repr
    [InlineData("loss=np.float32(0.25) epoch done", 0.25)]
    [InlineData("loss=numpy.float64(-1.5e-3)", -1.5e-3)]
    [InlineData("loss = numpy.float32(2.5e-3) epoch done", 0.0025)]
    [InlineData("loss=0.35 (best so far)", 0.35)]                  // trailing text after whitespace
    [InlineData("loss: 0.35", 0.35)]
    [InlineData("epoch 3 - loss : 0.125, accuracy: n/a", 0.125)]
    [InlineData("{\"loss\": 0.35, \"step\": 3}", 0.35)]          // a JSON line
    [InlineData("{\"step\": 3, \"loss\": 2}", 2.0)]
    [InlineData("loss=0.35abc", 0.35)]                             // Katib reads the number the value starts with
    public void Reads_the_formats_real_scripts_print(string line, double value)
    {
        var ignored = new List<string>();

        _parser.Parse(line, ignored).Where(m => m.Name == "loss").Should().ContainSingle().Which.Value.Should().Be(value);
        ignored.Should().BeEmpty();
    }

    [Theory]
    [InlineData("loss=nan", double.NaN, "*loss is NaN; it is recorded but never counts as a best*")]
    [InlineData("loss=np.float64(nan)", double.NaN, "*loss is NaN*")]
    [InlineData("loss=inf", double.PositiveInfinity, "*loss is +infinity*")]
    [InlineData("{\"loss\": NaN}", double.NaN, "*loss is NaN*")]   // Python's json.dumps writes NaN
    [InlineData("loss=-Infinity", double.NegativeInfinity, "*loss is -infinity*")]
    public void Non_finite_values_are_recorded_and_noted(string line, double value, string note)
    {
        var ignored = new List<string>();

        _parser.Parse(line, ignored).Should().ContainSingle().Which.Value.Should().Be(value);
        ignored.Should().ContainSingle().Which.Should().Match(note);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_reported_not_dropped_silently()
    {
        var ignored = new List<string>();

        _parser.Parse("loss=abc accuracy=0.9", ignored).Select(m => m.Name).Should().Equal("accuracy");
        ignored.Should().ContainSingle().Which.Should().Be("ignored 'loss=abc accuracy=0.9': the value of loss ('abc') is not a number.");
        _parser.Parse("loss: see the plot", ignored).Should().BeEmpty();   // prose after a colon is not a report
        ignored.Should().HaveCount(1);
    }

    [Fact]
    public void A_JSON_line_reports_every_declared_number_and_ignores_the_rest()
    {
        _parser.Parse("{\"loss\": 0.5, \"accuracy\": 0.9, \"lr\": 0.1, \"Score\": \"high\"}").Select(m => (m.Name, m.Value))
            .Should().Equal(("loss", 0.5), ("accuracy", 0.9));
        _parser.Parse("{not json loss=0.2}").Select(m => (m.Name, m.Value)).Should().Equal(("loss", 0.2));
    }

    [Fact]
    public void A_name_with_a_user_pattern_is_read_only_by_its_pattern()
    {
        var parser = new StdoutMetricParser(["r2"], [new MetricPattern("r2", @"r2: (\S+)")]);

        parser.Parse("r2: 0.75").Select(m => (m.Name, m.Value)).Should().Equal(("r2", 0.75));
        parser.Parse("{\"r2\": 0.5}").Should().BeEmpty();
        parser.Parse("r2=0.5").Should().BeEmpty();
    }

    [Fact]
    public void Names_glued_to_a_longer_word_or_undeclared_do_not_count()
    {
        _parser.Parse("val_loss=0.5 myloss: 0.2").Should().BeEmpty();
        _parser.UndeclaredReports("R2=0.34 epoch=3 loss=0.1 note=abc").Select(p => p.Text).Should().Equal("R2=0.34", "epoch=3");
    }

    [Theory]
    [InlineData("r2", new[] { "R2" }, "the script printed 'R2=0.34'; metric names are case-sensitive; did you mean 'r2'?")]
    [InlineData("accuracy", new[] { "epoch", "acuracy" }, "the script printed 'epoch=0.34', 'acuracy=0.34'; did you mean 'acuracy' (primary_metric is 'accuracy')?")]
    [InlineData("r2", new[] { "epoch" }, "the script printed 'epoch=0.34'; set primary_metric to one of those names, or print 'r2=<value>'.")]
    public void The_hint_names_what_was_printed_and_the_nearest_name(string metric, string[] printed, string expected) =>
        MetricNameHint.Describe(metric, printed.Select(n => (n, $"{n}=0.34")).ToList()).Should().Be(expected);

    [Fact]
    public void Reads_MLflow_metric_files_incrementally_and_only_complete_lines()
    {
        using var temp = new TempFolder();
        var file = temp.Write("mlruns/0/run1/metrics/loss", "1700000000000 0.5 0\n1700000001000 0.25");
        temp.Write("mlruns/0/run1/metrics/train/acc", "1700000000000 0.9\n");
        temp.Write("mlruns/.trash/x/metrics/loss", "1 1 1\n");
        var reader = new MlflowMetricReader(temp.Combine("mlruns"));

        reader.ReadNew().Should().Equal(
            new MetricValue("loss", 0.5, 0, DateTimeOffset.FromUnixTimeMilliseconds(1700000000000)),
            new MetricValue("train/acc", 0.9, 0, DateTimeOffset.FromUnixTimeMilliseconds(1700000000000)));
        File.AppendAllText(file, " 1\n1700000002000 nan 2\n");
        reader.ReadNew().Select(v => (v.Value, v.Step)).Should().Equal((0.25, 1L), (double.NaN, 2L));
        reader.ReadNew().Should().BeEmpty();
    }

    [Theory]
    [InlineData("python train.py --a 1", new[] { "python", "train.py", "--a", "1" })]
    [InlineData("python t.py --name 'two words' --q \"say \\\"hi\\\" $HOME\"", new[] { "python", "t.py", "--name", "two words", "--q", "say \"hi\" $HOME" })]
    [InlineData("python t.py --x ${{ search_space.x }} a\\ b", new[] { "python", "t.py", "--x", "${{ search_space.x }}", "a b" })]
    [InlineData("python t.py \\\n  --y 2", new[] { "python", "t.py", "--y", "2" })]
    [InlineData("python t.py ''", new[] { "python", "t.py", "" })]
    public void Splits_words_like_a_POSIX_shell_without_expansion(string command, string[] expected) =>
        CommandLineParser.Parse(command).Should().ContainSingle().Which.Should().Equal(expected);

    [Fact]
    public void Splits_and_chains_into_commands_and_rejects_other_operators()
    {
        CommandLineParser.Parse("pip install x && python t.py '&&'").Should().SatisfyRespectively(
            first => first.Should().Equal("pip", "install", "x"),
            second => second.Should().Equal("python", "t.py", "&&"));
        var pipe = () => CommandLineParser.Parse("a || b");
        pipe.Should().Throw<FormatException>().WithMessage("'||' at position 2 is a shell operator*");
        var substitution = () => CommandLineParser.Parse("a $(b)");
        substitution.Should().Throw<FormatException>().WithMessage("*shell substitution*");
        var dangling = () => CommandLineParser.Parse("a &&");
        dangling.Should().Throw<FormatException>().WithMessage("*ends with '&&'*");
    }
}
