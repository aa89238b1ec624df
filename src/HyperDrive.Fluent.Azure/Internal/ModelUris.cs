namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Builds the <c>azureml://jobs/...</c> URIs of a job's outputs (Azure ML "Supported paths").</summary>
internal static class ModelUris
{
    public static string ForTrialOutput(string trialRunId, string outputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trialRunId);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var path = outputPath.Replace('\\', '/').Trim('/');
        if (path.Length == 0 || path.Split('/').Any(s => s.Length == 0 || s == ".."))
        {
            throw new ArgumentException(
                $"'{outputPath}' is not a usable output path. Give an output name (model), a path inside an output " +
                "(model/sklearn) or an MLflow artifact path (artifacts/model).", nameof(outputPath));
        }

        var root = "azureml://jobs/" + trialRunId + "/outputs/";
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return root + path;
        }

        var output = path[..slash];
        var rest = path[(slash + 1)..];
        return output == "artifacts"
            ? root + "artifacts/paths/" + rest + "/"
            : root + output + "/paths/" + rest;
    }
}
