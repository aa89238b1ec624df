using System.Text;
using System.Text.Json;
using HyperDrive.Fluent.Sampling;
using HyperDrive.Fluent.Serialization.Json;

namespace HyperDrive.Fluent.Local.Runtime;

/// <summary>The whole normalized definition of a sweep as the journal records it, so a resume can check that it
/// continues the same sweep and say exactly what changed.</summary>
/// <remarks>It is compact JSON: what <c>sweep.json</c> states about the definition (command, code, search space in the
/// REST encoding, sampling, objective, early termination, limits) plus what else decides a trial's result (environment
/// variables, inputs, outputs, metric patterns). The run's name and max_concurrent_trials are left out: they change no
/// trial.</remarks>
internal static class SweepFingerprint
{
    /// <summary>The sections whose change keeps every finished trial valid (the limits and the early-termination policy
    /// only decide what happens next), which a resume accepts when asked to.</summary>
    private static readonly string[] CompatibleSections = ["limits", "earlyTermination"];

    public static string Of(SweepDefinition definition)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            // The seed the definition sets itself: a resumed run keeps the journal's seed, and a different explicit
            // seed is a different sweep. How many trials run at once changes no trial (and `hyperdrive run
            // --max-concurrent` sets it per invocation).
            ResultsWriter.WriteDefinition(
                w,
                definition with { Name = null, Limits = definition.Limits with { MaxConcurrentTrials = null } },
                (definition.SamplingAlgorithm as RandomSampling)?.Seed);
        }

        var summary = JsonDocument.Parse(buffer.ToArray()).RootElement;
        using var result = new MemoryStream();
        using (var w = new Utf8JsonWriter(result))
        {
            w.WriteStartObject();
            foreach (var property in summary.EnumerateObject())
            {
                property.WriteTo(w);
            }

            if (definition.InProcessTrial is null)
            {
                w.WriteStartObject("environmentVariables");
                foreach (
                    var (name, value) in definition.Trial.EnvironmentVariables.OrderBy(p =>
                    p.Key, StringComparer.Ordinal))
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            JobIoJson.Camel.WriteInputs(w, "inputs", definition.Inputs);
            JobIoJson.Camel.WriteOutputs(w, "outputs", definition.Outputs);
            w.WriteStartObject("metricPatterns");
            foreach (var pattern in definition.MetricPatterns)
            {
                w.WriteString(pattern.MetricName, pattern.Pattern);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(result.ToArray());
    }

    /// <summary>What differs between the definition a journal recorded and the one given now.</summary>
    /// <param name="recorded">The journal's fingerprint (JSON; journals written before full fingerprints hold a short
    /// text).</param>
    /// <param name="current">The fingerprint of the definition given now.</param>
    /// <param name="legacyCurrent">The short text the earlier journals recorded, for the definition given now.</param>
    /// <returns>Each field that differs, empty when the definitions are the same sweep.</returns>
    public static IReadOnlyList<FingerprintChange> Compare(string? recorded, string current, string legacyCurrent)
    {
        if (recorded is null || !recorded.StartsWith('{'))
        {
            return recorded == legacyCurrent ? []
                : [new FingerprintChange("definition", recorded ?? "(none)", legacyCurrent, Compatible: false)];
        }

        var was = Flatten(recorded);
        var now = Flatten(current);
        var changes = new List<FingerprintChange>();
        foreach (var path in was.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            var before = was.GetValueOrDefault(path);
            var after = now.GetValueOrDefault(path);
            if (before != after)
            {
                var section = path.Split('.', 2)[0];
                changes.Add(
                    new FingerprintChange(path, before ?? "(not set)", after
                    ?? "(not set)", CompatibleSections.Contains(section)));
            }
        }

        return changes;
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            Walk(document.RootElement, string.Empty, leaves);
        }
        catch (JsonException)
        {
            leaves["definition"] = json;
        }

        return leaves;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var any = false;
            foreach (var property in element.EnumerateObject())
            {
                any = true;
                Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
            }

            if (any || path.Length == 0)
            {
                return;
            }
        }

        // A search-space entry (["uniform", [0.05, 1.0]]), an array or a scalar is compared as its compact JSON text.
        leaves[path] = element.GetRawText();
    }
}
