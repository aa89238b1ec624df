using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Cli;

/// <summary>Writes a finished sweep: the trials as a table (the best one marked) and the best trial with its
/// parameters; for a pipeline, each sweep step's.</summary>
internal static class ResultView
{
    /// <summary>One row of the trials table.</summary>
    public sealed record Row(string Id, string Status, double? Value, IReadOnlyDictionary<string, object>? Parameters,
        bool IsBest);

    public static async Task WriteAsync(TextWriter output, SweepResult result)
    {
        if (result.Objective is { } objective && (result.Trials.Count > 0 || result.BestTrial is not null))
        {
            var rows = result.Trials.OrderBy(t => t.Number).Select(t => new Row(
                t.Id, Formatting.Status(t.Status), t.BestValue(objective), t.Parameters, result.BestTrial?.Id == t.Id))
                    .ToList();
            await WriteTableAsync(output, rows, $"best {objective.PrimaryMetric}").ConfigureAwait(false);
            await WriteBestAsync(output, result.BestTrial, objective).ConfigureAwait(false);
        }

        foreach (var (name, step) in result.Steps.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (step.Objective is not null)
            {
                await output.WriteLineAsync($"step {name} ({Formatting.Status(step.Status)}):").ConfigureAwait(false);
                await WriteAsync(output, step).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(
                    $"step {name}: " +
                    $"{Formatting.Status(step.Status)}{(step.Error is null ? string.Empty : " - " + step.Error)}")
                    .ConfigureAwait(false);
            }
        }
    }

    public static async Task WriteTableAsync(TextWriter output, IReadOnlyList<Row> rows, string valueHeader)
    {
        if (rows.Count == 0)
        {
            await output.WriteLineAsync("no trials yet").ConfigureAwait(false);
            return;
        }

        var metric = valueHeader;
        var idWidth = Math.Max("trial".Length, rows.Max(r => r.Id.Length));
        var statusWidth = Math.Max("status".Length, rows.Max(r => r.Status.Length));
        var valueWidth = Math.Max(metric.Length, rows.Max(r => r.Value is { } v ? Formatting.Number(v).Length : 1));
        await output.WriteLineAsync(
                $"  {"trial".PadRight(idWidth)}  {"status".PadRight(statusWidth)}  " +
                $"{metric.PadLeft(valueWidth)}  parameters")
            .ConfigureAwait(false);
        foreach (var row in rows)
        {
            var value = row.Value is { } v ? Formatting.Number(v) : "-";
            await output.WriteLineAsync(
                $"{(row.IsBest ? "*" : " ")} {row.Id.PadRight(idWidth)}  {row.Status.PadRight(statusWidth)}  " +
                    $"{value.PadLeft(valueWidth)}  {Formatting.Parameters(row.Parameters)}").ConfigureAwait(false);
        }
    }

    public static async Task WriteBestAsync(TextWriter output, TrialResult? best, Objective objective)
    {
        if (best is null)
        {
            await output.WriteLineAsync($"no best trial: no trial reported {objective.PrimaryMetric}").ConfigureAwait(
                false);
            return;
        }

        var value = best.BestValue(objective) is { } v ? $" {objective.PrimaryMetric} = {Formatting.Number(v)}"
            : string.Empty;
        await output.WriteLineAsync(
            $"best trial: {best.Id}{value} ({objective.Goal.ToString().ToLowerInvariant()}) " +
            $"{Formatting.Parameters(best.Parameters)}").ConfigureAwait(false);
    }
}
