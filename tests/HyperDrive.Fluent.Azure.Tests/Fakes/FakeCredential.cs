using System.Collections.Concurrent;
using Azure.Core;

namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>Issues a new secret-looking token on every call and remembers them all (so tests can search logs for them).</summary>
public sealed class FakeCredential : TokenCredential
{
    private int _count;

    public ConcurrentBag<string> Issued { get; } = [];

    public ConcurrentBag<string> Scopes { get; } = [];

    public int Count => Volatile.Read(ref _count);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        var token = $"eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-{n}-{Guid.NewGuid():N}";
        Issued.Add(token);
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Add(scope);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
