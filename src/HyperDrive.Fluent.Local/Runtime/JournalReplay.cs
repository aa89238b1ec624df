using System.Text.Json;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>What a journal says happened: the run's id, seed and fingerprint, each trial's last known state, and the
/// decisions about finished trials. A torn last line (the process died while writing it) is ignored.</summary>
internal sealed class JournalReplay
{
    public string? RunId { get; private set; }

    public int? Seed { get; private set; }

    public string? Fingerprint { get; private set; }

    public SortedDictionary<int, ReplayedTrial> Trials { get; } = [];

    public static JournalReplay Read(string path)
    {
        var replay = new JournalReplay();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException) when (i == lines.Length - 1)
            {
                break; // torn final write
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: not a journal entry ({ex.Message}).", ex);
            }

            using (document)
            {
                replay.Apply(document.RootElement, path, i + 1);
            }
        }

        return replay;
    }

    private void Apply(JsonElement e, string path, int line)
    {
        var kind = e.GetProperty("event").GetString();
        ReplayedTrial Trial() => Trials.TryGetValue(e.GetProperty("trial").GetInt32(), out var t)
            ? t
            : throw new InvalidDataException($"{path}, line {line}: trial {e.GetProperty("trial").GetInt32()} was never proposed.");
        switch (kind)
        {
            case "run":
                RunId = e.GetProperty("runId").GetString();
                Seed = e.TryGetProperty("seed", out var seed) ? seed.GetInt32() : null;
                Fingerprint = e.GetProperty("fingerprint").GetString();
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
                trial.Finished = false;
                trial.Process = null;
                break;
            }

            case "process":
                Trial().Process = (e.GetProperty("pid").GetInt32(), e.GetProperty("processStartedAt").GetDateTimeOffset());
                break;

            case "metric":
            {
                var trial = Trial();
                var name = e.GetProperty("name").GetString()!;
                var value = new MetricValue(name, JsonValues.ReadDouble(e.GetProperty("value")), e.GetProperty("step").GetInt64(), e.GetProperty("time").GetDateTimeOffset());
                if (!trial.Metrics.TryGetValue(name, out var list))
                {
                    trial.Metrics[name] = list = [];
                }

                list.Add(value);
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
                break;
            }

            case "finished":
            {
                var trial = Trial();
                // A trial stopped only because the run stopped is unfinished work: a resume runs it again.
                trial.Finished = !(e.TryGetProperty("interrupted", out var interrupted) && interrupted.GetBoolean());
                trial.Status = Enum.Parse<TrialStatus>(e.GetProperty("status").GetString()!);
                trial.ExitCode = e.TryGetProperty("exitCode", out var code) ? code.GetInt32() : null;
                trial.Error = e.TryGetProperty("error", out var error) ? error.GetString() : null;
                trial.EndedAt = e.GetProperty("time").GetDateTimeOffset();
                break;
            }
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

    /// <summary>Gets or sets the trial's last process (id and start time), for a trial that was running when its host died.</summary>
    public (int Id, DateTimeOffset StartedAt)? Process { get; set; }

    public Dictionary<string, List<MetricValue>> Metrics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public List<PolicyDecision> Decisions { get; } = [];
}
