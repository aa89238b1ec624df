using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Serialization.Yaml;

/// <summary>Emits a representation-model tree as one implicit YAML document (no <c>---</c>/<c>...</c>), with '\n' line
/// ends and no line wrapping.</summary>
internal static class YamlTextEmitter
{
    public static string Emit(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        EmitNode(emitter, root);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void EmitNode(IEmitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(null, null, scalar.Value ?? string.Empty, scalar.Style, true, true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(
                    new SequenceStart(null, null, true, sequence.Style == SequenceStyle.Flow ? SequenceStyle.Flow
                    : SequenceStyle.Block));
                foreach (var child in sequence.Children)
                {
                    EmitNode(emitter, child);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                emitter.Emit(
                    new MappingStart(null, null, true, mapping.Style == MappingStyle.Flow ? MappingStyle.Flow
                    : MappingStyle.Block));
                foreach (var entry in mapping.Children)
                {
                    EmitNode(emitter, entry.Key);
                    EmitNode(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new InvalidOperationException($"Unexpected YAML node {node.GetType().Name}.");
        }
    }
}
