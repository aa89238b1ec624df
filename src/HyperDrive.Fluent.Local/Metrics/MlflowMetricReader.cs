using System.Globalization;
using System.Text;
using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Metrics;

/// <summary>
/// Reads new metric values from a trial's MLflow file store (<c>{root}/{experiment}/{run}/metrics/{key}</c>, one line
/// <c>timestamp value step</c> per <c>log_metric</c>; keys with <c>/</c> are sub-folders). Each call returns only the
/// complete lines written since the previous call.
/// </summary>
internal sealed class MlflowMetricReader(string root)
{
    private readonly Dictionary<string, long> _consumed = new(StringComparer.Ordinal);

    /// <summary>Gets the store's folder.</summary>
    public string Root { get; } = root;

    /// <summary>Reads the values logged since the last call.</summary>
    /// <returns>The new values, file by file in name order, each file's in line order.</returns>
    public IReadOnlyList<MetricValue> ReadNew()
    {
        var found = new List<MetricValue>();
        if (!Directory.Exists(Root))
        {
            return found;
        }

        foreach (var experiment in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(experiment).StartsWith('.'))
            {
                continue;
            }

            foreach (var run in Directory.EnumerateDirectories(experiment).Order(StringComparer.Ordinal))
            {
                var metrics = Path.Combine(run, "metrics");
                if (!Directory.Exists(metrics))
                {
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(metrics, "*", SearchOption.AllDirectories).Order(
                    StringComparer.Ordinal))
                {
                    var key = Path.GetRelativePath(metrics, file).Replace(Path.DirectorySeparatorChar, '/');
                    ReadFile(file, key, found);
                }
            }
        }

        return found;
    }

    private void ReadFile(string file, string key, List<MetricValue> found)
    {
        var offset = _consumed.GetValueOrDefault(file);
        byte[] bytes;
        try
        {
            using var stream =
                new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= offset)
            {
                return;
            }

            stream.Position = offset;
            bytes = new byte[stream.Length - offset];
            stream.ReadExactly(bytes);
        }
        catch (IOException)
        {
            return; // being written or removed; read again next time
        }

        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0)
        {
            return;
        }

        _consumed[file] = offset + end + 1;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            if (TryParseLine(line.TrimEnd('\r'), key, out var value))
            {
                found.Add(value);
            }
        }
    }

    internal static bool TryParseLine(string line, string key, out MetricValue value)
    {
        value = null!;
        var parts = line.Split(' ');
        if (parts.Length is < 2 or > 3
            || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis)
            || !StdoutMetricParser.TryParseValue(parts[1], out var metric))
        {
            return false;
        }

        long step = 0;
        if (parts.Length == 3 && !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out step))
        {
            return false;
        }

        value = new MetricValue(key, metric, step, DateTimeOffset.FromUnixTimeMilliseconds(millis));
        return true;
    }
}
