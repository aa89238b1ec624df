using System.Buffers;
using System.Text.Json;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>
/// The append-only record of a sweep (<c>journal.jsonl</c>, one JSON object per line, each flushed when written): the run's
/// seed, and every trial proposed, started, metric value, policy decision and trial end. Replaying it after a crash gives
/// the finished trials back and the parameters of the unfinished ones.
/// </summary>
internal sealed class RunJournal : IDisposable
{
    public const string FileName = "journal.jsonl";

    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly object _gate = new();
    private bool _disposed;

    public RunJournal(string folder)
    {
        Path = System.IO.Path.Combine(folder, FileName);
        _stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        _writer = new Utf8JsonWriter(_buffer);
    }

    public string Path { get; }

    public void RunStarted(string runId, int? seed, string fingerprint, DateTimeOffset time) => Append(w =>
    {
        w.WriteString("event", "run");
        w.WriteString("runId", runId);
        if (seed is { } s)
        {
            w.WriteNumber("seed", s);
        }

        w.WriteString("fingerprint", fingerprint);
        w.WriteString("time", time);
    });

    public void Resumed(DateTimeOffset time) => Append(w =>
    {
        w.WriteString("event", "resume");
        w.WriteString("time", time);
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
            _stream.Write(_buffer.WrittenSpan); // one write per event: a line is never torn across two writes
            _stream.Flush();
        }
    }
}
