using System.Security.Cryptography;
using System.Text;
using HyperDrive.Fluent.Trials;
using HyperDrive.Fluent.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// The anonymous environment version azure-ai-ml creates for an inline environment: name
/// <c>CliV2AnonymousEnvironment</c>, the conda file as PyYAML dumps it (sorted keys, <see cref="PyYamlDump"/>), and a
/// version that hashes the image and that text the way <c>Environment._generate_anonymous_name_version</c> does
/// (entities/_assets/environment.py): <c>md5(image)</c>, then, with a conda file, the hex digits of <c>md5(conda
/// text)</c> joined with <c>md5(image)</c> as the separator (Python's <c>hash_str.join(...)</c> over a string), and the
/// version is the md5 of that. Checked against the recorded <c>env_put_anonymous__*</c> PUTs (image only:
/// <c>baf18218...</c>; image and conda file: <c>7926e182...</c>).
/// </summary>
internal sealed class AnonymousEnvironment
{
    /// <summary>The name Azure ML gives every inline environment (azure-ai-ml <c>ANONYMOUS_ENV_NAME</c>).</summary>
    public const string Name = "CliV2AnonymousEnvironment";

    private AnonymousEnvironment(EnvironmentDefinition definition, string version, string? condaFile)
    {
        Definition = definition;
        Version = version;
        CondaFile = condaFile;
    }

    public EnvironmentDefinition Definition { get; }

    /// <summary>Gets the content-hash version.</summary>
    public string Version { get; }

    /// <summary>Gets the conda specification as sent (<c>condaFile</c>), or <see langword="null"/>.</summary>
    public string? CondaFile { get; }

    /// <summary>Prepares the anonymous environment of <paramref name="definition"/>; a conda file path is read relative
    /// to <paramref name="baseDirectory"/>.</summary>
    /// <exception cref="HyperDriveValidationException">It cannot be created: no image, a build context, a conda file
    /// that is missing or not YAML.</exception>
    public static AnonymousEnvironment Create(EnvironmentDefinition definition, string? baseDirectory, string path)
    {
        if (definition.Build is not null)
        {
            throw Problem(
                path + ".build",
                $"The environment is built from a Docker build context ({definition.Build.Path}); the Azure engine " +
                    "does not upload build contexts yet.",
                "Build and push the image and give environment.image, or register the environment (az ml environment " +
                    "create) and refer to it as azureml:name:version.");
        }

        if (string.IsNullOrWhiteSpace(definition.Image))
        {
            throw Problem(path + ".image", "The inline environment has no image.",
                "Give environment.image (e.g. mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04).");
        }

        var conda = definition.CondaFile is { } file ? CondaText(file, baseDirectory, path + ".conda_file") : null;
        var hash = Md5(definition.Image);
        if (conda is not null)
        {
            hash = string.Join(hash, Md5(conda).Select(c => c.ToString()));
        }

        return new AnonymousEnvironment(definition, Md5(hash), conda);
    }

    private static string? CondaText(CondaFile file, string? baseDirectory, string path)
    {
        var text = file.Content;
        if (text is null)
        {
            var full = Path.GetFullPath(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), file.Path!));
            try
            {
                text = File.ReadAllText(full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Problem(path, $"The conda file '{file.Path}' could not be read ({full}: {ex.Message}).",
                    "Fix the path (it is relative to the definition file) or add the file.");
            }
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw Problem(
                path, $"The conda specification{(file.Path is null ? string.Empty : $" '{file.Path}'")} is not valid " +
                $"YAML: {ex.Message}", "Fix the conda file's YAML (a mapping with name, channels and dependencies).");
        }

        // An empty conda file is no conda file, as in azure-ai-ml ("if self.conda_file:" on the loaded value).
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode
            { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        return PyYamlDump.Dump(stream.Documents[0].RootNode);
    }

    private static string Md5(string text)
    {
        // azure-ai-ml names anonymous environments by an MD5 hex digest; it is an identifier, not a security hash.
#pragma warning disable CA5351
        return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
#pragma warning restore CA5351
    }

    private static HyperDriveValidationException Problem(string path, string message, string fix) =>
        new("The inline environment cannot be created on Azure ML; nothing was submitted.",
            [new ValidationProblem(ValidationSeverity.Error, path, message, fix)]);
}
