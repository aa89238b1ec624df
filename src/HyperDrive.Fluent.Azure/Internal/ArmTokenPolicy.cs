using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// Sends <c>Authorization: Bearer</c> with a token for the configured scope, caching it until five minutes before it
/// expires; on a 401 whose challenge says the token is invalid or expired (or asks for claims), it drops the cached
/// token, gets a new one and sends the request once more.
/// </summary>
/// <remarks><see cref="BearerTokenAuthenticationPolicy"/> keys its cache on scopes and claims only, so it would send
/// the same token again after the service rejected it as expired (a revoked token, or clock skew); this policy does the
/// same caching but can be told to forget. The token is never written to a log or an exception.</remarks>
internal sealed class ArmTokenPolicy : HttpPipelinePolicy
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly TokenCredential _credential;
    private readonly string[] _scopes;
    private readonly TimeProvider _timeProvider;
    private readonly object _sync = new();
    private AccessToken? _token;

    public ArmTokenPolicy(TokenCredential credential, string scope, TimeProvider timeProvider)
    {
        _credential = credential;
        _scopes = [scope];
        _timeProvider = timeProvider;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        if (message.Request.Uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"Refusing to send a bearer token to '{message.Request.Uri.Host}' over {message.Request.Uri.Scheme}: " +
                    "Azure ML endpoints must use https.");
        }

        var token = await GetTokenAsync(message, rejected: null, claims: null, async).ConfigureAwait(false);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token.Token);
        await SendAsync(message, pipeline, async).ConfigureAwait(false);

        if (message.Response.Status != 401 || !TryReadChallenge(message.Response, out var claims))
        {
            return;
        }

        token = await GetTokenAsync(message, rejected: token.Token, claims, async).ConfigureAwait(false);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token.Token);
        await SendAsync(message, pipeline, async).ConfigureAwait(false);
    }

    private static async ValueTask SendAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline,
        bool async)
    {
        if (async)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        else
        {
            ProcessNext(message, pipeline);
        }
    }

    /// <summary>Reads a Bearer challenge: <c>error="invalid_token"</c> (expired or revoked) or a CAE <c>claims</c>
    /// challenge.</summary>
    private static bool TryReadChallenge(Response response, out string? claims)
    {
        claims = null;
        if (!response.Headers.TryGetValue("WWW-Authenticate", out var challenge) || string.IsNullOrEmpty(challenge))
        {
            return false;
        }

        var claimsValue = ReadParameter(challenge, "claims");
        if (!string.IsNullOrEmpty(claimsValue))
        {
            try
            {
                claims = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(claimsValue));
            }
            catch (FormatException)
            {
                claims = claimsValue;
            }

            return true;
        }

        var error = ReadParameter(challenge, "error");
        return string.Equals(error, "invalid_token", StringComparison.OrdinalIgnoreCase);
    }

    private static string? ReadParameter(string challenge, string name)
    {
        var at = challenge.IndexOf(name + "=", StringComparison.OrdinalIgnoreCase);
        while (at > 0 && char.IsLetterOrDigit(challenge[at - 1]))
        {
            at = challenge.IndexOf(name + "=", at + 1, StringComparison.OrdinalIgnoreCase);
        }

        if (at < 0)
        {
            return null;
        }

        var start = at + name.Length + 1;
        if (start < challenge.Length && challenge[start] == '"')
        {
            var end = challenge.IndexOf('"', start + 1);
            return end < 0 ? challenge[(start + 1)..] : challenge[(start + 1)..end];
        }

        var stop = challenge.IndexOfAny([',', ' '], start);
        return stop < 0 ? challenge[start..] : challenge[start..stop];
    }

    private async ValueTask<AccessToken> GetTokenAsync(HttpMessage message, string? rejected, string? claims,
        bool async)
    {
        // Concurrent first requests may each ask the credential (which caches too); the last answer is kept.
        var now = _timeProvider.GetUtcNow();
        AccessToken? current;
        lock (_sync)
        {
            current = _token;
        }

        if (current is { } cached && cached.ExpiresOn - RefreshMargin > now && cached.Token != rejected
            && claims is null)
        {
            return cached;
        }

        var context = new TokenRequestContext(_scopes, message.Request.ClientRequestId, claims);
        var token = async
            ? await _credential.GetTokenAsync(context, message.CancellationToken).ConfigureAwait(false)
            : _credential.GetToken(context, message.CancellationToken);
        lock (_sync)
        {
            _token = token;
        }

        return token;
    }
}
