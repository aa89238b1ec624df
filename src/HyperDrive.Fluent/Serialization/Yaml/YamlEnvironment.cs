using YamlDotNet.RepresentationModel;
using static HyperDrive.Fluent.Serialization.Yaml.YamlNodes;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>A command's <c>environment</c>: a registered environment (<c>azureml:name:version</c>,
/// <c>azureml:name@latest</c>, <c>azureml://registries/...</c>).</summary>
internal static class YamlEnvironment
{
    public static string? Read(YamlReadContext context, YamlMap map)
    {
        if (map.Get("environment") is YamlMappingNode environment)
        {
            throw context.Error(
                environment,
                map.KeyPath("environment"),
                "inline environment definitions are not supported; register the environment and refer to it as azureml:name:version, azureml:name@latest or azureml://registries/....");
        }

        return map.String("environment");
    }

    public static void Write(YamlMappingNode map, string? environment) => Add(map, "environment", environment);
}
