using HyperDrive.Fluent.Pipelines;
using HyperDrive.Fluent.Trials;
using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>A job's run settings: <c>identity</c>, <c>queue_settings</c>, and a pipeline's <c>settings</c>
/// (<c>default_compute</c>, <c>default_datastore</c>, <c>continue_on_step_failure</c>).</summary>
internal static class YamlJobSettings
{
    private static readonly string[] ManagedIdentityKeys = ["type", "client_id", "object_id", "resource_id"];
    private static readonly string[] TypeOnlyKeys = ["type"];
    private static readonly string[] QueueSettingsKeys = ["job_tier"];
    private static readonly string[] PipelineSettingsKeys =
        ["default_compute", "default_datastore", "continue_on_step_failure"];

    // ---------------------------------------------------------------- identity

    public static JobIdentity ReadIdentity(YamlReadContext context, YamlNode node, string path)
    {
        var mapping = context.Mapping(node, path);
        var type = context.PeekType(mapping, path, YamlNames.Identities, "identity type");
        var map = context.Map(mapping, path, type == "managed" ? ManagedIdentityKeys : TypeOnlyKeys);
        return type switch
        {
            "managed" =>
                new ManagedIdentity(map.String("client_id"), map.String("object_id"), map.String("resource_id")),
            "user_identity" => new UserIdentity(),
            _ => new AmlTokenIdentity(),
        };
    }

    public static YamlMappingNode? WriteIdentity(JobIdentity? identity)
    {
        if (identity is null)
        {
            return null;
        }

        var map = new YamlMappingNode { { "type", Text(identity.Name) } };
        if (identity is ManagedIdentity managed)
        {
            Add(map, "client_id", managed.ClientId);
            Add(map, "object_id", managed.ObjectId);
            Add(map, "resource_id", managed.ResourceId);
        }

        return map;
    }

    // ---------------------------------------------------------------- queue_settings

    public static JobTier ReadQueueTier(YamlReadContext context, YamlNode node, string path)
    {
        var map = context.Map(node, path, QueueSettingsKeys);
        if (map.GetRaw("job_tier") is YamlScalarNode raw && YamlScalars.IsNull(raw))
        {
            return JobTier.Null;
        }

        return map.Choose("job_tier", YamlNames.Tiers, "job tier");
    }

    public static YamlMappingNode? WriteQueueSettings(JobTier? tier) =>
        tier is { } t ? new YamlMappingNode { { "job_tier", Text(YamlNames.Tier(t)) } } : null;

    // ---------------------------------------------------------------- pipeline settings

    public static PipelineSettings ReadPipelineSettings(YamlReadContext context, YamlNode node, string path)
    {
        var s = context.Map(node, path, PipelineSettingsKeys);
        return new PipelineSettings
        {
            DefaultCompute = context.Recover(() => s.String("default_compute"), null),
            DefaultDatastore = context.Recover(() => s.String("default_datastore"), null),
            ContinueOnStepFailure = context.Recover(() => s.Bool("continue_on_step_failure"), null),
        };
    }

    public static YamlMappingNode? WritePipelineSettings(PipelineSettings settings)
    {
        var map = new YamlMappingNode();
        Add(map, "default_compute", settings.DefaultCompute);
        Add(map, "default_datastore", settings.DefaultDatastore);
        Add(map, "continue_on_step_failure", settings.ContinueOnStepFailure);
        return map.Children.Count == 0 ? null : map;
    }
}
