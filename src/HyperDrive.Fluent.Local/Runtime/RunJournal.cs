using System.Buffers;
using System.Text.Json;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// The append-only record of a sweep (<c>journal.jsonl</c>, one JSON object per line, each flushed when written): the
/// run's seed, and every trial proposed, started, metric value, policy decision and trial end. Replaying it after a
/// crash gives the finished trials back and the parameters of the unfinished ones.
/// </summary>
internal sealed class RunJournal : IDisposable
{
    public const string FileName = "journal.jsonl";

    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly object _gate = new();
    private bool _disposed;

    public RunJournal(string folder)
    {
        Path = System.IO.Path.Combine(folder, FileName);
        _created = !File.Exists(Path);
        var file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1);
        TruncateTornTail(file);
        file.Seek(0, SeekOrigin.End);
        _stream = file;
        _writer = new Utf8JsonWriter(_buffer);
    }

    private RunJournal(Stream stream)
    {
        Path = null;
        _stream = stream;
        _writer = new Utf8JsonWriter(_buffer);
    }

    private readonly bool _created;
    private bool _wroteAny;

    /// <summary>Gets the journal file; <see langword="null"/> for a journal without one.</summary>
    public string? Path { get; }

    /// <summary>Creates a journal without a file, for a run without a folder (the fake engine): every entry is written
    /// by the same code as in a run folder and none is kept, since such a run is never resumed (kept in memory, the
    /// entries grew with every metric value and nothing read them).</summary>
    public static RunJournal WithoutFile() => new(Stream.Null);

    public void RunStarted(string runId, int? seed, string fingerprint, DateTimeOffset time,
        SweepDefinition? definition = null) => Append(w =>
    {
        w.WriteString("event", "run");
        w.WriteString("runId", runId);
        if (seed is { } s)
        {
            w.WriteNumber("seed", s);
        }

        w.WriteString("fingerprint", fingerprint);
        w.WriteString("time", time);
        if (definition is not null)
        {
            // What a reader of a running sweep needs before sweep.json exists (the dashboard): objective, limits,
            // space.
            if (!string.IsNullOrEmpty(definition.Objective.PrimaryMetric))
            {
                w.WriteStartObject("objective");
                w.WriteString("goal", definition.Objective.Goal.ToString().ToLowerInvariant());
                w.WriteString("primaryMetric", definition.Objective.PrimaryMetric);
                w.WriteEndObject();
            }

            if (definition.Limits.MaxTotalTrials is { } total)
            {
                w.WriteNumber("maxTotalTrials", total);
            }

            w.WriteStartObject("searchSpace");
            foreach (var (key, distribution) in definition.SearchSpace)
            {
                w.WriteString(key, distribution.TypeName);
            }

            w.WriteEndObject();
        }
    });

    public void Resumed(DateTimeOffset time, string fingerprint) => Append(w =>
    {
        w.WriteString("event", "resume");
        w.WriteString("time", time);

        // The definition the run continues with (a resume may accept compatible changes), which later resumes check
        // against.
        w.WriteString("fingerprint", fingerprint);
    });

    public void Proposed(TrialState trial) => Append(w =>
    {
        w.WriteString("event", "proposed");
        w.WriteNumber("trial", trial.Number);
        w.WritePropertyName("parameters");
        JsonValues.WriteObject(w, trial.Parameters);
    });

    public void Started(int trial, DateTimeOffset time) => Append(w =>
    {
        w.WriteString("event", "started");
        w.WriteNumber("trial", trial);
        w.WriteString("time", time);
    });

    public void ProcessStarted(int trial, int processId, DateTimeOffset startedAt) => Append(w =>
    {
        w.WriteString("event", "process");
        w.WriteNumber("trial", trial);
        w.WriteNumber("pid", processId);
        w.WriteString("processStartedAt", startedAt);
    });

    public void Metric(int trial, MetricValue value, string source) => Append(w =>
    {
        w.WriteString("event", "metric");
        w.WriteNumber("trial", trial);
        w.WriteString("name", value.Name);
        JsonValues.WriteDouble(w, "value", value.Value);
        w.WriteNumber("step", value.Step);
        w.WriteString("time", value.Timestamp);
        w.WriteString("source", source);
    });

    public void Decision(int trial, PolicyDecision decision) => Append(w =>
    {
        w.WriteString("event", "decision");
        w.WriteNumber("trial", trial);
        w.WriteString("policy", decision.Policy);
        w.WriteNumber("interval", decision.Interval);
        JsonValues.WriteDouble(w, "value", decision.Value);
        JsonValues.WriteDouble(w, "best", decision.Best);
        JsonValues.WriteDouble(w, "threshold", decision.Threshold);
        w.WriteBoolean("terminate", decision.Terminate);
        w.WriteString("time", decision.Timestamp);
    });

    public void Finished(TrialState trial) => Append(w =>
    {
        w.WriteString("event", "finished");
        w.WriteNumber("trial", trial.Number);
        w.WriteString("status", trial.Status.ToString());
        if (trial.ExitCode is { } code)
        {
            w.WriteNumber("exitCode", code);
        }

        if (trial.Error is { } error)
        {
            w.WriteString("error", error);
        }

        if (trial.StartedAt is { } started)
        {
            w.WriteString("startedAt", started);
        }

        if (trial.Interrupted)
        {
            w.WriteBoolean("interrupted", true);
        }

        w.WriteString("time", trial.EndedAt ?? default);
    });

    public void Ended(SweepRunStatus status, DateTimeOffset time) => Append(w =>
    {
        w.WriteString("event", "end");
        w.WriteString("status", status.ToString());
        w.WriteString("time", time);
    });

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            _stream.Dispose();
        }
    }

    private void Append(Action<Utf8JsonWriter> write)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
            write(_writer);
            _writer.WriteEndObject();
            _writer.Flush();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            try
            {
                _stream.Write(_buffer.WrittenSpan); // one write per event: a line is never torn across two writes
                _stream.Flush();
            }
            catch (IOException) when (_created && !_wroteAny)
            {
                // The disk is full (or failing) before the first entry: leave no empty journal that would pass for a
                // run.
                _disposed = true;
                _writer.Dispose();
                _stream.Dispose();
                if (Path is not null)
                {
                    File.Delete(Path);
                }

                throw;
            }

            _wroteAny = true;
        }
    }

    /// <summary>Cuts a last line that has no newline (the process died or the disk filled while writing it) and any NUL
    /// padding after the last newline, so that the next entry starts on a line of its own.</summary>
    private static void TruncateTornTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return;
        }

        // Look back in blocks for the last '\n'.
        var block = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - block.Length);
            var count = (int)(end - start);
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(block, 0, count);
            var newline = Array.LastIndexOf(block, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                var keep = start + newline + 1;
                if (keep < length)
                {
                    stream.SetLength(keep);
                }

                return;
            }

            end = start;
        }

        stream.SetLength(0);
    }
}
