using System.Text.Json;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Serialization.Json;

/// <summary>A job's <c>resources</c>: camelCase in a job body (<c>instanceCount</c>), snake_case in a pipeline node
/// (<c>instance_count</c>); unset fields are left out.</summary>
internal static class JobResourcesJson
{
    /// <summary>Writes <paramref name="resources"/> as the <c>resources</c> property, its names converted by
    /// <paramref name="naming"/> (<see langword="null"/> keeps camelCase).</summary>
    public static void Write(Utf8JsonWriter writer, JobResources resources, JsonNamingPolicy? naming)
    {
        string Name(string camelCase) => naming?.ConvertName(camelCase) ?? camelCase;

        writer.WriteStartObject("resources");
        RestJobWriter.WriteIfSet(writer, Name("instanceCount"), resources.InstanceCount);
        RestJobWriter.WriteIfSet(writer, Name("instanceType"), resources.InstanceType);
        RestJobWriter.WriteIfSet(writer, Name("shmSize"), resources.ShmSize);
        RestJobWriter.WriteIfSet(writer, Name("dockerArgs"), resources.DockerArgs);
        if (resources.Properties.Count > 0)
        {
            RestJobWriter.WriteStringMap(writer, "properties", resources.Properties);
        }

        writer.WriteEndObject();
    }
}
