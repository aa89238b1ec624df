using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Reporting;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// The trial table as data (the "trials dataframe"): one row per trial with its number, id, status, flattened
/// parameters, best and last primary-metric value, report count, start, end, duration and the policy's verdict; written
/// as CSV (RFC 4180; text that a spreadsheet would run as a formula is prefixed with <c>'</c>) or as JSON.
/// </summary>
internal static class TrialTable
{
    /// <summary>Writes <paramref name="result"/>'s trials (a pipeline: every step's, with a <c>step</c> column) as
    /// CSV.</summary>
    public static string ToCsv(SweepResult result)
    {
        var (columns, rows) = Build(result);
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', columns.Select(c => row.TryGetValue(c, out var v) ? Cell(v) : string.Empty)).Append(
                "\r\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the same rows as a JSON array of objects (numbers as numbers, missing values as null).</summary>
    public static string ToJson(SweepResult result)
    {
        var (columns, rows) = Build(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var row in rows)
            {
                w.WriteStartObject();
                foreach (var column in columns)
                {
                    switch (row.GetValueOrDefault(column))
                    {
                        case null:
                            w.WriteNull(column);
                            break;
                        case double d when double.IsFinite(d):
                            w.WriteNumber(column, d);
                            break;
                        case double d:
                            w.WriteString(column, d.ToString(CultureInfo.InvariantCulture));
                            break;
                        case long l:
                            w.WriteNumber(column, l);
                            break;
                        case int i:
                            w.WriteNumber(column, i);
                            break;
                        case bool b:
                            w.WriteBoolean(column, b);
                            break;
                        case var other:
                            w.WriteString(column, HtmlText.Value(other));
                            break;
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static (List<string> Columns, List<Dictionary<string, object?>> Rows) Build(SweepResult result)
    {
        var sweeps = result.Steps.Count > 0 ? result.Steps.Select(s => (Step: (string?)s.Key, Result: s.Value)).ToList()
            : [(null, result)];
        var columns = new List<string>();
        if (result.Steps.Count > 0)
        {
            columns.Add("step");
        }

        columns.AddRange(["number", "trial", "status"]);
        var rows = new List<Dictionary<string, object?>>();
        var tail = new List<string>();
        foreach (var (step, sweep) in sweeps)
        {
            var parameters = ReportParameters.From(sweep.Trials);
            foreach (var name in parameters.Names.Select(n => "params." + n).Where(n => !columns.Contains(n)))
            {
                columns.Add(name);
            }

            var objective = sweep.Objective is { PrimaryMetric.Length: > 0 } o ? o : null;
            if (objective is not null)
            {
                foreach (
                    var name in new[]
                    { "best_" + objective.PrimaryMetric, "last_" + objective.PrimaryMetric, "reports" }.Where(n =>
                    !tail.Contains(n)))
                {
                    tail.Add(name);
                }
            }

            var verdicts = sweep.Decisions.GroupBy(d => d.TrialId, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
                g.FirstOrDefault(d => d.Terminate), StringComparer.Ordinal);
            for (var i = 0; i < sweep.Trials.Count; i++)
            {
                var trial = sweep.Trials[i];
                var row = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["step"] = step,
                    ["number"] = trial.Number,
                    ["trial"] = trial.Id,
                    ["status"] = trial.Status.ToString().ToLowerInvariant(),
                    ["started_at"] = trial.StartedAt?.ToString("O", CultureInfo.InvariantCulture),
                    ["ended_at"] = trial.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
                    ["duration_s"] = trial.Duration?.TotalSeconds,
                    ["policy"] = verdicts.TryGetValue(trial.Id, out var stop) ? stop is null ? "continued"
                        : $"terminated at interval {stop.Interval}" : null,
                    ["error"] = trial.Error,
                };
                foreach (var name in parameters.Names)
                {
                    row["params." + name] = parameters.Get(i, name);
                }

                if (objective is not null)
                {
                    var values = trial.GetMetric(objective.PrimaryMetric);
                    row["best_" + objective.PrimaryMetric] = trial.BestValue(objective);
                    row["last_" + objective.PrimaryMetric] = values.Count > 0 ? values[^1].Value : null;
                    row["reports"] = values.Count;
                }

                rows.Add(row);
            }
        }

        columns.AddRange(tail);
        columns.AddRange(["started_at", "ended_at", "duration_s", "policy", "error"]);
        return (columns, rows);
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => HtmlText.Value(value),
        };
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text; // not a formula when the file is opened in a spreadsheet
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
