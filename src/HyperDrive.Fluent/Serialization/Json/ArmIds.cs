using System.Text.RegularExpressions;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>Turns the model's short names (compute <c>cpu-cluster</c>, code <c>azureml:name:version</c>) into the ARM
/// ids REST wants, and back.</summary>
internal static partial class ArmIds
{
    /// <summary>The compute name of serverless compute.</summary>
    public const string Serverless = "serverless";

    /// <summary>Whether <paramref name="value"/> is an ARM id (<c>/subscriptions/...</c>).</summary>
    public static bool IsArmId(string value) => value.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The REST <c>computeId</c> of a compute: an ARM id or a URI as given; a name (<c>cpu-cluster</c> or
    /// <c>azureml:cpu-cluster</c>) expanded under the workspace when one is known, else written as given (the
    /// service is then left to resolve it).</summary>
    public static string ToComputeId(string compute, string? workspaceId)
    {
        if (string.Equals(compute, "azureml:" + Serverless, StringComparison.OrdinalIgnoreCase))
        {
            return Serverless;
        }

        if (workspaceId is null || IsArmId(compute) || compute.Contains("://", StringComparison.Ordinal))
        {
            return compute;
        }

        var name = compute.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase) ? compute["azureml:".Length..]
            : compute;

        // Serverless compute is sent as the literal "serverless", never as a .../computes/serverless ARM id
        // (azure-ai-ml _job_operations.py, _try_get_compute_arm_id, leaves it unexpanded).
        if (string.Equals(name, Serverless, StringComparison.OrdinalIgnoreCase))
        {
            return Serverless;
        }

        return name.Contains('/', StringComparison.Ordinal) ? compute : $"{workspaceId}/computes/{name}";
    }

    /// <summary>The model's compute for a REST <c>computeId</c>: exactly <c>{workspaceId}/computes/X</c> (ARM ids
    /// compare case-insensitively) becomes <c>azureml:X</c>, the form CLI YAML uses; anything else is kept as the
    /// service gave it.</summary>
    public static string FromComputeId(string computeId, string? workspaceId)
    {
        if (workspaceId is not null)
        {
            var prefix = workspaceId + "/computes/";
            if (computeId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var name = computeId[prefix.Length..];
                if (name.Length > 0 && !name.Contains('/', StringComparison.Ordinal))
                {
                    return "azureml:" + name;
                }
            }
        }

        return computeId;
    }

    /// <summary>The REST <c>componentId</c> of a component reference: YAML's <c>azureml:/subscriptions/...</c>
    /// (azure-ai-ml's <c>ArmStr</c> field strips the <c>azureml:</c> of an ARM id) is sent as the ARM id; anything else
    /// as given.</summary>
    public static string ToComponentId(string componentId) => WithoutArmPrefix(componentId);

    /// <summary>The YAML form of a component or code reference: an ARM id gets the <c>azureml:</c> prefix CLI v2 YAML
    /// gives asset ids (<c>azureml:/subscriptions/.../components/x/versions/1</c>), so it reads back as a reference,
    /// not a file path.</summary>
    public static string ToYamlReference(string assetId) => IsArmId(assetId) ? "azureml:" + assetId : assetId;

    /// <summary>The model's code for a CLI v2 YAML <c>code</c> value: <c>azureml:/subscriptions/...</c> is the ARM id
    /// (azure-ai-ml's <c>ArmStr</c> field strips the <c>azureml:</c>; without it the CLI reads an ARM id as a local
    /// path), anything else as given.</summary>
    public static string FromYamlCodeReference(string code) => WithoutArmPrefix(code);

    /// <summary>Whether a code value is an asset reference (<c>azureml:...</c>, <c>azureml://...</c>, an ARM id or a
    /// URL) rather than a local folder.</summary>
    public static bool IsCodeAsset(string code) =>
        IsArmId(code) || code.StartsWith("azureml:", StringComparison.OrdinalIgnoreCase)
            || code.Contains("://", StringComparison.Ordinal);

    /// <summary>The REST <c>codeId</c> of a code asset reference: <c>azureml:name:version</c> expanded under the
    /// workspace when one is known, <c>azureml:/subscriptions/...</c> sent as the ARM id; anything else as
    /// given.</summary>
    public static string ToCodeId(string code, string? workspaceId)
    {
        code = WithoutArmPrefix(code);
        if (workspaceId is not null)
        {
            var match = ShortCodeId().Match(code);
            if (match.Success)
            {
                return $"{workspaceId}/codes/{match.Groups["name"].Value}/versions/{match.Groups["version"].Value}";
            }
        }

        return code;
    }

    /// <summary>Resolves a component's code to what the body carries: an asset reference (expanded), the id
    /// <see cref="AzureMLJsonOptions.CodeIds"/> maps a local folder to, nothing (omit policy), or an error.</summary>
    /// <returns>The code id, or <see langword="null"/> when there is no code or it is omitted.</returns>
    /// <exception cref="InvalidOperationException">The code is a local folder, unmapped, and the policy is
    /// reject.</exception>
    public static string? ResolveCode(string? code, AzureMLJsonOptions options, string fieldPath)
    {
        if (code is null)
        {
            return null;
        }

        if (IsCodeAsset(code))
        {
            return ToCodeId(code, options.WorkspaceId);
        }

        if (options.CodeIds.TryGetValue(code, out var mapped))
        {
            return ToCodeId(mapped, options.WorkspaceId);
        }

        return options.LocalCode == LocalCodeHandling.Omit
            ? null
            : throw new InvalidOperationException(
                $"{fieldPath}: '{code}' is a local folder, but the Azure ML REST body needs the ARM id of an " +
                    "uploaded code asset (codeId). " +
                $"Upload it first (the Azure engine does) and pass the id in AzureMLJsonOptions.CodeIds[\"{code}\"], " +
                    "give the trial a code asset id " +
                "(azureml:name:version or an ARM id), or set AzureMLJsonOptions.LocalCode = LocalCodeHandling.Omit " +
                    "to write the body without it.");
    }

    /// <summary>Resolves a component's environment to what the body carries: the reference as given, nothing (an inline
    /// environment under the omit policy), or an error for an inline environment (REST carries only an environment
    /// id).</summary>
    /// <returns>The environment id, or <see langword="null"/> when there is none or it is omitted.</returns>
    /// <exception cref="InvalidOperationException">The environment is defined inline and the policy is
    /// reject.</exception>
    public static string? ResolveEnvironment(CommandComponent component, AzureMLJsonOptions options, string fieldPath)
    {
        if (component.InlineEnvironment is not { } inline)
        {
            return component.Environment;
        }

        return options.LocalCode == LocalCodeHandling.Omit
            ? null
            : throw new InvalidOperationException(
                $"{fieldPath}: the environment is defined inline ({Describe(inline)}), but the Azure ML REST body " +
                    "carries only an environment id (environmentId). " +
                "Submit with the Azure engine (AzureMLSweepEngine, hyperdrive submit), which creates the anonymous " +
                    "environment version first and sends its id as azure-ai-ml does; " +
                "or register the environment and refer to it (azureml:name:version); or set " +
                    "AzureMLJsonOptions.LocalCode = LocalCodeHandling.Omit to write the body without it.");
    }

    private static string WithoutArmPrefix(string value) =>
        value.StartsWith("azureml:/subscriptions/", StringComparison.OrdinalIgnoreCase)
            ? value["azureml:".Length..]
            : value;

    private static string Describe(EnvironmentDefinition inline) =>
        inline.Image is { } image ? "image " + image : inline.Build is { } build ? "build " + build.Path : "no image";

    [GeneratedRegex(@"^azureml:(?<name>[^:/@]+):(?<version>[^:/@]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ShortCodeId();
}
