using System.Text.Json;
using HyperDrive.Fluent.EarlyTermination;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>
/// The REST model of an early-termination policy: camelCase in a job body (<c>"earlyTermination": {"policyType":
/// "Bandit", ...}</c>) and the model's <c>as_dict()</c> in a pipeline node (<c>"early_termination": {"policy_type":
/// "Bandit", ...}</c>, contract §4); the fields and the PascalCase discriminator are the same in both.
/// </summary>
internal static class EarlyTerminationJson
{
    /// <summary>Writes <paramref name="policy"/> as the <c>earlyTermination</c> property, its names converted by
    /// <paramref name="naming"/> (<see langword="null"/> keeps camelCase).</summary>
    public static void Write(Utf8JsonWriter writer, EarlyTerminationPolicy policy, JsonNamingPolicy? naming)
    {
        string Name(string camelCase) => naming?.ConvertName(camelCase) ?? camelCase;

        writer.WriteStartObject(Name("earlyTermination"));
        writer.WriteString(Name("policyType"), PolicyType(policy));
        writer.WriteNumber(Name("evaluationInterval"), policy.EvaluationInterval);
        writer.WriteNumber(Name("delayEvaluation"), policy.DelayEvaluation);
        switch (policy)
        {
            case BanditPolicy bandit:
                if (bandit.SlackFactor is { } factor)
                {
                    JsonNumbers.WriteReal(writer, Name("slackFactor"), factor);
                }

                if (bandit.SlackAmount is { } amount)
                {
                    JsonNumbers.WriteReal(writer, Name("slackAmount"), amount);
                }

                break;
            case TruncationSelectionPolicy truncation:
                writer.WriteNumber(Name("truncationPercentage"), truncation.TruncationPercentage);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>The REST discriminator of a policy (<c>Bandit</c>, <c>MedianStopping</c>,
    /// <c>TruncationSelection</c>).</summary>
    public static string PolicyType(EarlyTerminationPolicy policy) => policy switch
    {
        BanditPolicy => "Bandit",
        MedianStoppingPolicy => "MedianStopping",
        TruncationSelectionPolicy => "TruncationSelection",
        _ => throw new InvalidOperationException($"Unknown early termination policy {policy.GetType().Name}."),
    };
}
