using System.Text;
using HyperDrive.Fluent.Engines;
using static HyperDrive.Fluent.Distributions;
using static HyperDrive.Fluent.Local.Tests.LocalTestHelpers;

namespace HyperDrive.Fluent.Local.Tests.Runtime;

/// <summary>Issue 15: a journal cut by a crash or a full disk resumes (again and again); damage anywhere else stops the
/// resume with the file, the line and what to do, never an unhandled exception.</summary>
public class JournalDamageTests
{
    private static SweepDefinition Define() => Sweep.For((ctx, ct) =>
        {
            ctx.Report("m", ctx.Parameters.GetDouble("x"));
            return Task.CompletedTask;
        })
        .Sample("x", Uniform(0, 1)).Maximize("m").RandomSampling(seed: 3).Runs(4, 1).Build();

    private static async Task<(LocalSweepEngine Engine, string Journal, string[] Lines)> CompletedRunAsync(TempFolder temp)
    {
        var engine = Engine(temp);
        var result = await RunAsync(engine, Define(), Options(temp));
        var journal = Path.Combine(result.OutputDirectory!, "journal.jsonl");
        return (engine, journal, File.ReadAllLines(journal));
    }

    private static int LineOf(string[] lines, string eventName, int trial) =>
        Array.FindIndex(lines, l => l.Contains($"\"event\":\"{eventName}\"", StringComparison.Ordinal) && l.Contains($"\"trial\":{trial},", StringComparison.Ordinal));

    [Fact]
    public async Task A_torn_last_line_is_ignored_and_cut_so_every_later_resume_works()
    {
        using var temp = new TempFolder();
        var (engine, journal, lines) = await CompletedRunAsync(temp);
        await using var _ = engine;
        var keep = LineOf(lines, "finished", 1);
        File.WriteAllLines(journal, lines.Take(keep + 1));
        File.AppendAllText(journal, "{\"event\":\"fini");

        for (var resume = 0; resume < 3; resume++)
        {
            await using var run = await engine.ResumeAsync(Path.GetDirectoryName(journal)!, Define());
            var result = await run.WaitForCompletionAsync();
            result.Status.Should().Be(SweepRunStatus.Completed, "resume {0} reads the journal the previous one appended to", resume + 1);
            result.Trials.Should().HaveCount(4).And.OnlyContain(t => t.Status == TrialStatus.Completed);
        }

        File.ReadAllLines(journal).Should().NotContain(l => l.Contains("\"fini", StringComparison.Ordinal) && !l.Contains("finished", StringComparison.Ordinal));
    }

    public static TheoryData<string, bool> Damages() => new()
    {
        // name, whether a resume still works (torn tails) or must stop with the line
        { "garbage line", false },
        { "empty object", false },
        { "JSON array", false },
        { "unknown event", false },
        { "unknown status", false },
        { "numeric status", false },
        { "metric for an unknown trial", false },
        { "bad time", false },
        { "trial number as text", false },
        { "metric value not a number", false },
        { "missing property", false },
        { "event not a string", false },
        { "NUL padding inside", false },
        { "line cut in the middle of the file", false },
        { "proposed line deleted", false },
        { "lines reordered", false },
        { "run line deleted", false },
        { "NUL padding at the end", true },
        { "file cut at 50%", true },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Damage_is_reported_with_file_line_and_what_to_do_or_resumed_when_it_is_a_torn_tail(string damage, bool resumes)
    {
        using var temp = new TempFolder();
        var (engine, journal, lines) = await CompletedRunAsync(temp);
        await using var _ = engine;
        var list = lines.ToList();
        var metric = LineOf(lines, "metric", 1);
        var started = LineOf(lines, "started", 1);
        var expectedLine = metric + 1;
        void Replace(int index, string text) => list[index] = text;
        switch (damage)
        {
            case "garbage line": Replace(metric, "this is not json"); break;
            case "empty object": Replace(metric, "{}"); break;
            case "JSON array": Replace(metric, "[1,2,3]"); break;
            case "unknown event": Replace(metric, "{\"event\":\"teleport\",\"trial\":1}"); break;
            case "unknown status": Replace(metric = LineOf(lines, "finished", 1), lines[metric].Replace("\"Completed\"", "\"Exploded\"", StringComparison.Ordinal)); expectedLine = metric + 1; break;
            case "numeric status": Replace(metric = LineOf(lines, "finished", 1), lines[metric].Replace("\"Completed\"", "\"7\"", StringComparison.Ordinal)); expectedLine = metric + 1; break;
            case "metric for an unknown trial": Replace(metric, lines[metric].Replace("\"trial\":1,", "\"trial\":99,", StringComparison.Ordinal)); break;
            case "bad time": Replace(started, "{\"event\":\"started\",\"trial\":1,\"time\":\"yesterday\"}"); expectedLine = started + 1; break;
            case "trial number as text": Replace(metric, lines[metric].Replace("\"trial\":1,", "\"trial\":\"one\",", StringComparison.Ordinal)); break;
            case "metric value not a number": Replace(metric, "{\"event\":\"metric\",\"trial\":1,\"name\":\"m\",\"value\":\"lots\",\"step\":0,\"time\":\"2024-01-01T00:00:00Z\"}"); break;
            case "missing property": Replace(metric, "{\"event\":\"metric\",\"trial\":1,\"value\":1,\"step\":0,\"time\":\"2024-01-01T00:00:00Z\"}"); break;
            case "event not a string": Replace(metric, "{\"event\":5}"); break;
            case "NUL padding inside": Replace(metric, new string('\0', 64)); break;
            case "line cut in the middle of the file": Replace(metric, lines[metric][..(lines[metric].Length / 2)]); break;
            case "proposed line deleted": list.RemoveAt(LineOf(lines, "proposed", 1)); expectedLine = LineOf(lines, "proposed", 1) + 1; break;
            case "lines reordered":
                var proposed = LineOf(lines, "proposed", 1);
                (list[proposed], list[started]) = (list[started], list[proposed]);
                expectedLine = proposed + 1;
                break;
            case "run line deleted": list.RemoveAt(0); expectedLine = 1; break;
        }

        var text = string.Join('\n', list) + "\n";
        if (damage == "NUL padding at the end")
        {
            text += new string('\0', 4096);
        }
        else if (damage == "file cut at 50%")
        {
            text = text[..(text.Length / 2)];
        }

        await File.WriteAllTextAsync(journal, text, new UTF8Encoding(false));
        var folder = Path.GetDirectoryName(journal)!;

        if (resumes)
        {
            await using var run = await engine.ResumeAsync(folder, Define());
            var result = await run.WaitForCompletionAsync();
            result.Status.Should().Be(SweepRunStatus.Completed);
            result.Trials.Should().HaveCount(4).And.OnlyContain(t => t.Status == TrialStatus.Completed);
            await using var again = await engine.ResumeAsync(folder, Define());
            (await again.WaitForCompletionAsync()).Status.Should().Be(SweepRunStatus.Completed, "the tail was cut before appending");
        }
        else
        {
            var act = () => engine.ResumeAsync(folder, Define());
            (await act.Should().ThrowAsync<InvalidDataException>())
                .WithMessage($"{journal}, line {expectedLine}: *The journal is damaged at that line*Fix or delete that line*new run folder*");
        }
    }

    [Fact]
    public async Task A_journal_too_large_to_read_is_refused_with_what_to_do_instead_of_overflowing()
    {
        using var temp = new TempFolder();
        var (engine, journal, _) = await CompletedRunAsync(temp);
        await using var _engine = engine;
        using (var file = new FileStream(journal, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(Array.MaxLength + 1L); // sparse: no disk space used
        }

        var act = () => engine.ResumeAsync(Path.GetDirectoryName(journal)!, Define());

        (await act.Should().ThrowAsync<InvalidDataException>())
            .WithMessage($"{journal}: the journal is * bytes, more than the * a journal can be*new run folder.");
    }
}
