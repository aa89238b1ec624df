using Azure.Core;

namespace HyperDrive.Fluent.Cli.Azure;

/// <summary>A credential that hands out one bearer token obtained elsewhere (<c>HYPERDRIVE_ACCESS_TOKEN</c>, e.g. from
/// <c>az account get-access-token</c> in a CI pipeline). The token is never written anywhere.</summary>
internal sealed class EnvironmentTokenCredential : TokenCredential
{
    /// <summary>The environment variable the token is read from.</summary>
    public const string VariableName = "HYPERDRIVE_ACCESS_TOKEN";

    private readonly string _token;

    public EnvironmentTokenCredential(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token.Trim();
    }

    // The expiry is unknown; an hour ahead makes the client reuse the token. If the service rejects it as expired,
    // asking again returns the same token and the service's 401 is reported to the user.
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(_token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(
        TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    /// <inheritdoc />
    public override string ToString() => $"{nameof(EnvironmentTokenCredential)} ({VariableName})";
}
