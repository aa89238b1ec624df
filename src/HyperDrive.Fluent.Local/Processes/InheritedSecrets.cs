namespace HyperDrive.Fluent.Local.Processes;

/// <summary>The credential variables a trial process does not inherit from the host, so a training script (or a package
/// it imports) cannot read the tokens and secrets the <c>hyperdrive</c> tool or a host app was started with.</summary>
/// <remarks>A trial that needs one gets it only when the sweep's <c>environment_variables</c> name it (with the value
/// given there). The list covers this tool's own token, the variables Azure.Identity's <c>EnvironmentCredential</c> and
/// workload/managed identity read, and the common storage and CI tokens.</remarks>
internal static class InheritedSecrets
{
    /// <summary>The variables removed from a trial's inherited environment.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "HYPERDRIVE_ACCESS_TOKEN",
        "AZURE_CLIENT_SECRET",
        "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD",
        "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN",
        "AZURE_USERNAME",
        "AZURE_PASSWORD",
        "AZURE_FEDERATED_TOKEN_FILE",
        "AZURE_ACCESS_TOKEN",
        "IDENTITY_ENDPOINT",
        "IDENTITY_HEADER",
        "IDENTITY_SERVER_THUMBPRINT",
        "MSI_ENDPOINT",
        "MSI_SECRET",
        "AZURE_STORAGE_KEY",
        "AZURE_STORAGE_CONNECTION_STRING",
        "AZURE_STORAGE_SAS_TOKEN",
        "ARM_CLIENT_SECRET",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
        "SYSTEM_ACCESSTOKEN",
    ];

    /// <summary>Removes the credential variables from a process's environment, except those the trial's own environment
    /// variables set.</summary>
    /// <param name="environment">The environment the process would inherit.</param>
    /// <param name="trialVariables">The variables the sweep sets for its trials.</param>
    public static void Remove(IDictionary<string, string?> environment, IReadOnlyDictionary<string,
        string> trialVariables)
    {
        foreach (var name in Names)
        {
            if (!trialVariables.ContainsKey(name))
            {
                environment.Remove(name);
            }
        }
    }
}
