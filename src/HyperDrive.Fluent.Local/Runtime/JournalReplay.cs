using System.Text.Json;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>What a journal says happened: the run's id, seed and fingerprint, what its first entry says of the sweep
/// (objective, limit, search space), each trial's last known state, and the decisions about finished trials. The one
/// reader of <c>journal.jsonl</c>: a resume reads it strictly (a torn last line, the process died or the disk filled
/// while writing it, is ignored; any other damage stops the read with an <see cref="InvalidDataException"/> naming the
/// file, the line and what to do), the dashboard reads a running sweep's journal tolerantly (a line that is not a
/// journal entry is skipped, so a damaged journal still shows what it can).</summary>
internal sealed class JournalReplay
{
    public string? RunId { get; private set; }

    public int? Seed { get; private set; }

    public string? Fingerprint { get; private set; }

    public SortedDictionary<int, ReplayedTrial> Trials { get; } = [];

    /// <summary>Gets the sweep's objective (its <c>run</c> entry), or <see langword="null"/> when it has
    /// none.</summary>
    public Objective? Objective { get; private set; }

    /// <summary>Gets the sweep's <c>max_total_trials</c> (its <c>run</c> entry), when it set one.</summary>
    public int? MaxTotalTrials { get; private set; }

    /// <summary>Gets the search space's distribution type by parameter (its <c>run</c> entry).</summary>
    public Dictionary<string, string> SearchSpace { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets how the run ended (its last <c>end</c> entry); <see langword="null"/> while it runs (or after a
    /// resume that has not ended yet).</summary>
    public SweepRunStatus? EndedWith { get; private set; }

    /// <summary>Gets when the run first started (its <c>run</c> entry).</summary>
    public DateTimeOffset? RunStartedAt { get; private set; }

    /// <summary>Gets how long the run was running before this resume: each session (from its <c>run</c> or
    /// <c>resume</c> entry to the last time the engine wrote before the next one) summed, so the time between an
    /// interruption and a resume does not count.</summary>
    public TimeSpan ActiveTime =>
        _closedSessions + (_sessionStart is { } start && _lastSeen is { } last && last > start ? last - start
        : TimeSpan.Zero);

    private TimeSpan _closedSessions;
    private DateTimeOffset? _sessionStart;
    private DateTimeOffset? _lastSeen;

    /// <summary>What to tell the user about a damaged journal.</summary>
    internal const string DamageAdvice =
        "The journal is damaged at that line (edited by hand, or written by a failing disk). Fix or delete that line " +
        "and resume again, or start the sweep again in a new run folder; the trial folders are left as they are.";

    /// <summary>Reads a journal.</summary>
    /// <param name="path">The journal file.</param>
    /// <param name="tolerant">Whether a line that is not a journal entry is skipped (the dashboard, reading a journal
    /// that may be being written) instead of stopping the read.</param>
    /// <returns>What the journal says.</returns>
    /// <exception cref="InvalidDataException">The journal is damaged (not when
    /// <paramref name="tolerant"/>).</exception>
    public static JournalReplay Read(string path, bool tolerant = false)
    {
        // One read of the bytes, from a pooled buffer: a journal of a thousand trials is megabytes, and the dashboard
        // reads it again whenever the run moves. The writer appends while we read: only what is there now counts.
        byte[] buffer;
        int length;
        using (var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.Length > Array.MaxLength)
            {
                // One buffer holds the journal; a run's journal is megabytes (a thousand trials), never gigabytes.
                throw new InvalidDataException(
                    $"{path}: the journal is {stream.Length} bytes, more than the {Array.MaxLength} a journal "
                    + "can be; this is not a sweep's journal. Start the sweep again in a new run folder.");
            }

            length = (int)stream.Length;
            buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            stream.ReadExactly(buffer, 0, length);
        }

        try
        {
            return Parse(buffer.AsMemory(0, length), path, tolerant);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JournalReplay Parse(ReadOnlyMemory<byte> bytes, string path, bool tolerant)
    {
        var replay = new JournalReplay();
        var lineNumber = 0;
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            lineNumber++;
            var end = rest.Span.IndexOf((byte)'\n');
            var complete = end >= 0;
            var line = complete ? rest[..end] : rest;
            rest = complete ? rest[(end + 1)..] : ReadOnlyMemory<byte>.Empty;

            // NUL padding (a crash on a file system that extended the file before the data reached it) is no entry.
            var text = line.Span.Trim(" \t\r"u8);
            if (text.IsEmpty || (rest.IsEmpty && text.Trim((byte)0).IsEmpty))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException) when (tolerant || !complete)
            {
                if (!complete)
                {
                    break; // torn final write: the writer truncates it before appending (RunJournal)
                }

                continue;
            }
            catch (JsonException ex)
            {
                throw Damaged(
                    path, lineNumber, $"not a journal entry ({ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.')})",
                    ex);
            }

            using (document)
            {
                try
                {
                    replay.Apply(document.RootElement, path, lineNumber);
                }
                catch (Exception ex) when (
                    tolerant && ex is InvalidDataException or KeyNotFoundException or InvalidOperationException
                    or FormatException or ArgumentException or OverflowException)
                {
                    // the dashboard shows what the other lines say
                }
                catch (Exception ex) when (
                    ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException
                        or OverflowException)
                {
                    throw Damaged(path, lineNumber, $"not a journal entry ({ex.Message.TrimEnd('.')})", ex);
                }
            }
        }

        if (!tolerant && replay.RunId is null && replay.Trials.Count > 0)
        {
            throw Damaged(path, 1, "the run entry (the first line, {\"event\":\"run\",...}) is missing", null);
        }

        return replay;
    }

    private static InvalidDataException Damaged(string path, int line, string problem, Exception? inner) =>
        new($"{path}, line {line}: {problem}. {DamageAdvice}", inner);

    /// <summary>Notes that the engine was running at <paramref name="time"/> (times before the session began, such as a
    /// timestamp a script printed, are ignored).</summary>
    private void Seen(DateTimeOffset time)
    {
        if (_sessionStart is { } start && time >= start && (_lastSeen is not { } last || time > last))
        {
            _lastSeen = time;
        }
    }

    /// <summary>Reads what the <c>run</c> entry says of the sweep (journals written before it did say
    /// nothing).</summary>
    private void ReadSweep(JsonElement e)
    {
        if (e.TryGetProperty("objective", out var objective))
        {
            var goal = objective.GetProperty("goal").GetString();
            Objective = new Objective(
                string.Equals(goal, "maximize", StringComparison.OrdinalIgnoreCase) ? ObjectiveGoal.Maximize
                    : ObjectiveGoal.Minimize,
                objective.GetProperty("primaryMetric").GetString()!);
        }

        MaxTotalTrials = e.TryGetProperty("maxTotalTrials", out var total) ? total.GetInt32() : null;
        if (e.TryGetProperty("searchSpace", out var space))
        {
            foreach (var parameter in space.EnumerateObject())
            {
                SearchSpace[parameter.Name] = parameter.Value.GetString()!;
            }
        }
    }

    private void Apply(JsonElement e, string path, int line)
    {
        var kind = e.GetProperty("event").GetString();
        ReplayedTrial Trial() => Trials.TryGetValue(e.GetProperty("trial").GetInt32(), out var t)
            ? t
            : throw Damaged(path, line, $"trial {e.GetProperty("trial").GetInt32()} was never proposed", null);
        switch (kind)
        {
            case "run":
                RunStartedAt = e.TryGetProperty("time", out var runTime) ? runTime.GetDateTimeOffset() : null;
                _sessionStart = _lastSeen = RunStartedAt;
                RunId = e.GetProperty("runId").GetString();
                Seed = e.TryGetProperty("seed", out var seed) ? seed.GetInt32() : null;
                Fingerprint = e.GetProperty("fingerprint").GetString();
                ReadSweep(e);
                break;
            case "proposed":
                var number = e.GetProperty("trial").GetInt32();
                Trials[number] = new ReplayedTrial(number, JsonValues.ReadObject(e.GetProperty("parameters")));
                break;
            case "started":
            {
                var trial = Trial();
                trial.Metrics.Clear();
                trial.Decisions.Clear();
                trial.Sources.Clear();
                trial.StartedAt = e.GetProperty("time").GetDateTimeOffset();
                Seen(trial.StartedAt.Value);
                trial.Finished = false;
                trial.Status = TrialStatus.Running;
                trial.EndedAt = null;
                trial.Process = null;
                break;
            }

            case "process":
                Trial().Process =
                    (e.GetProperty("pid").GetInt32(), e.GetProperty("processStartedAt").GetDateTimeOffset());
                break;

            case "metric":
            {
                var trial = Trial();
                var name = e.GetProperty("name").GetString()!;
                var value =
                    new MetricValue(
                    name, JsonValues.ReadDouble(e.GetProperty("value")), e.GetProperty("step").GetInt64(),
                    e.GetProperty("time").GetDateTimeOffset());
                if (!trial.Metrics.TryGetValue(name, out var list))
                {
                    trial.Metrics[name] = list = [];
                }

                list.Add(value);
                // a time the script printed may be anything: Seen keeps only times inside the session
                Seen(value.Timestamp);
                if (e.TryGetProperty("source", out var source))
                {
                    trial.Sources.TryAdd(name, source.GetString()!);
                }

                break;
            }

            case "decision":
            {
                var trial = Trial();
                trial.Decisions.Add(new PolicyDecision(
                    trial.Id ?? string.Empty,
                    e.GetProperty("policy").GetString()!,
                    e.GetProperty("interval").GetInt32(),
                    JsonValues.ReadDouble(e.GetProperty("value")),
                    JsonValues.ReadDouble(e.GetProperty("best")),
                    JsonValues.ReadDouble(e.GetProperty("threshold")),
                    e.GetProperty("terminate").GetBoolean())
                {
                    Timestamp = e.GetProperty("time").GetDateTimeOffset(),
                });
                Seen(trial.Decisions[^1].Timestamp);
                break;
            }

            case "finished":
            {
                var trial = Trial();
                // A trial stopped only because the run stopped is unfinished work: a resume runs it again.
                trial.Finished = !(e.TryGetProperty("interrupted", out var interrupted) && interrupted.GetBoolean());
                var status = e.GetProperty("status").GetString()!;
                trial.Status = Enum.TryParse<TrialStatus>(status, out var parsed) && Enum.IsDefined(parsed)
                    && !int.TryParse(status, out _)
                    ? parsed
                    : throw Damaged(path, line, $"'{status}' is not a trial status", null);
                trial.ExitCode = e.TryGetProperty("exitCode", out var code) ? code.GetInt32() : null;
                trial.Error = e.TryGetProperty("error", out var error) ? error.GetString() : null;
                trial.EndedAt = e.GetProperty("time").GetDateTimeOffset();
                Seen(trial.EndedAt.Value);
                break;
            }

            case "resume":
            {
                var time = e.GetProperty("time").GetDateTimeOffset();
                if (_lastSeen > time)
                {
                    // a script's clock ahead of the engine's cannot stretch the session past the resume
                    _lastSeen = time;
                }

                EndedWith = null;
                // the session before ended at the last time it wrote; the gap up to now is not run time
                _closedSessions = ActiveTime;
                _sessionStart = _lastSeen = time;
                if (e.TryGetProperty("fingerprint", out var resumedWith))
                {
                    // the definition the run continued with (compatible changes accepted)
                    Fingerprint = resumedWith.GetString();
                }

                break;
            }

            case "end":
                Seen(e.GetProperty("time").GetDateTimeOffset());
                // the status is for readers of a finished run (the dashboard); a resume does not depend on it
                EndedWith = Enum.TryParse<SweepRunStatus>(e.GetProperty("status").GetString(), out var ended)
                    && Enum.IsDefined(ended)
                    ? ended
                    : SweepRunStatus.Completed;
                break;
            default:
                throw Damaged(path, line, $"unknown event '{kind}'", null);
        }
    }
}

/// <summary>One trial as the journal left it.</summary>
internal sealed class ReplayedTrial(int number, IReadOnlyDictionary<string, object> parameters)
{
    public int Number { get; } = number;

    public string? Id { get; set; }

    public IReadOnlyDictionary<string, object> Parameters { get; } = parameters;

    public bool Finished { get; set; }

    public TrialStatus Status { get; set; } = TrialStatus.Queued;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int? ExitCode { get; set; }

    public string? Error { get; set; }

    /// <summary>Gets or sets the trial's last process (id and start time), for a trial that was running when its host
    /// died.</summary>
    public (int Id, DateTimeOffset StartedAt)? Process { get; set; }

    public Dictionary<string, List<MetricValue>> Metrics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public List<PolicyDecision> Decisions { get; } = [];
}
