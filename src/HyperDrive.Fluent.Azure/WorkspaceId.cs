using System.Diagnostics.CodeAnalysis;

namespace HyperDrive.Fluent.Azure;

/// <summary>The resource id of an Azure ML workspace:
/// <c>/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.MachineLearningServices/workspaces/{name}</c>.
/// </summary>
public sealed record WorkspaceId
{
    private const string Provider = "Microsoft.MachineLearningServices";

    /// <summary>Initializes a workspace id from its parts.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="resourceGroupName">The resource group.</param>
    /// <param name="workspaceName">The workspace name.</param>
    /// <exception cref="ArgumentException">A part is empty or contains '/'.</exception>
    public WorkspaceId(string subscriptionId, string resourceGroupName, string workspaceName)
    {
        SubscriptionId = CheckPart(subscriptionId, nameof(subscriptionId));
        ResourceGroupName = CheckPart(resourceGroupName, nameof(resourceGroupName));
        WorkspaceName = CheckPart(workspaceName, nameof(workspaceName));
    }

    /// <summary>Gets the subscription id.</summary>
    public string SubscriptionId { get; }

    /// <summary>Gets the resource group name.</summary>
    public string ResourceGroupName { get; }

    /// <summary>Gets the workspace name.</summary>
    public string WorkspaceName { get; }

    /// <summary>Parses a workspace resource id.</summary>
    /// <param name="resourceId">The id, e.g.
    /// <c>/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws</c>.</param>
    /// <returns>The parsed id.</returns>
    /// <exception cref="FormatException"><paramref name="resourceId"/> is not a workspace resource id.</exception>
    public static WorkspaceId Parse(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        return TryParse(resourceId, out var id)
            ? id
            : throw new FormatException(
                $"'{resourceId}' is not an Azure ML workspace resource id. Expected " +
                    "/subscriptions/{subscription}/resourceGroups/{group}/providers/" +
                    $"{Provider}/workspaces/{{name}} " +
                    "(copy it from the workspace's Properties page in the Azure portal).");
    }

    /// <summary>Tries to parse a workspace resource id (segment names are matched case-insensitively, as ARM
    /// does).</summary>
    /// <param name="resourceId">The id.</param>
    /// <param name="workspaceId">The parsed id, when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="resourceId"/> is a workspace resource id.</returns>
    public static bool TryParse(
        [NotNullWhen(true)] string? resourceId, [NotNullWhen(true)] out WorkspaceId? workspaceId)
    {
        workspaceId = null;
        if (string.IsNullOrWhiteSpace(resourceId))
        {
            return false;
        }

        var parts = resourceId.Trim().Trim('/').Split('/');
        if (parts.Length != 8
            || !parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            || !parts[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)
            || !parts[4].Equals("providers", StringComparison.OrdinalIgnoreCase)
            || !parts[5].Equals(Provider, StringComparison.OrdinalIgnoreCase)
            || !parts[6].Equals("workspaces", StringComparison.OrdinalIgnoreCase)
            || parts[1].Length == 0 || parts[3].Length == 0 || parts[7].Length == 0)
        {
            return false;
        }

        workspaceId = new WorkspaceId(parts[1], parts[3], parts[7]);
        return true;
    }

    /// <summary>Gets the ARM id of a child resource, e.g. <c>computes/cpu-cluster</c>.</summary>
    /// <param name="relativePath">The path below the workspace.</param>
    /// <returns>The full resource id.</returns>
    public string GetChildId(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        return ToString() + "/" + relativePath.TrimStart('/');
    }

    /// <summary>Gets the resource id.</summary>
    /// <returns>The id.</returns>
    public override string ToString() =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}/providers/{Provider}" +
        $"/workspaces/{WorkspaceName}";

    private static string CheckPart(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{value}' must not contain '/'.", name);
        }

        return value;
    }
}
