using Azure;
using Azure.Core;
using HyperDrive.Fluent.Azure.Internal;
using HyperDrive.Fluent.Azure.Models;

namespace HyperDrive.Fluent.Azure;

/// <summary>The cancellation of an Azure ML job: the service answers 202 with <c>Location</c> and <c>Retry-After</c>,
/// and the operation polls <c>Location</c> (waiting as long as <c>Retry-After</c> says) until it answers 200. When the
/// service gives no usable <c>Location</c>, it polls the job until its status is terminal.</summary>
public class CancelJobOperation : Operation
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(10);
    private readonly HyperDriveClient _client = null!;
    private readonly Uri? _location;
    private Response _rawResponse = null!;
    private bool _completed;

    /// <summary>Initializes an operation for mocking.</summary>
    protected CancelJobOperation()
    {
        Id = string.Empty;
    }

    internal CancelJobOperation(HyperDriveClient client, string jobName, Response initial)
    {
        _client = client;
        Id = jobName;
        _rawResponse = initial;
        _completed = initial.Status == 200;
        if (initial.Headers.TryGetValue("Location", out var location)
            && Uri.TryCreate(location, UriKind.Absolute, out var uri)
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), client.Options.ArmEndpoint.GetLeftPart(
                UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            _location = uri;
        }
    }

    /// <summary>Gets the name of the job being canceled.</summary>
    public override string Id { get; }

    /// <summary>Gets whether the job has stopped.</summary>
    public override bool HasCompleted => _completed;

    /// <inheritdoc />
    public override Response GetRawResponse() => _rawResponse;

    /// <inheritdoc />
    public override async ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        await UpdateStatusCoreAsync(async: true, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        UpdateStatusCoreAsync(async: false, cancellationToken).EnsureCompleted();

    /// <summary>Polls until the job has stopped, waiting between polls as the service's <c>Retry-After</c> says (10
    /// seconds when it says nothing).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The last response.</returns>
    public override async ValueTask<Response> WaitForCompletionResponseAsync(
        CancellationToken cancellationToken = default) =>
        await WaitCoreAsync(async: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Polls until the job has stopped, waiting between polls as the service's <c>Retry-After</c> says (10
    /// seconds when it says nothing).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The last response.</returns>
    public override Response WaitForCompletionResponse(CancellationToken cancellationToken = default) =>
        WaitCoreAsync(async: false, cancellationToken).EnsureCompleted();

    private async ValueTask<Response> WaitCoreAsync(bool async, CancellationToken cancellationToken)
    {
        while (!_completed)
        {
            var delay = RetryAfter.Read(_rawResponse) ?? DefaultPollInterval;
            if (async)
            {
                await Task.Delay(delay, _client.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Task.Delay(delay, _client.Options.TimeProvider, cancellationToken).GetAwaiter().GetResult();
            }

            await UpdateStatusCoreAsync(async, cancellationToken).ConfigureAwait(false);
        }

        return _rawResponse;
    }

    private async ValueTask<Response> UpdateStatusCoreAsync(bool async, CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return _rawResponse;
        }

        if (_location is not null)
        {
            using var message = _client.CreateMessage(RequestMethod.Get, _location);
            _rawResponse = await _client.SendAsync(message, async, cancellationToken, 200, 202, 204).ConfigureAwait(
                false);
            _completed = _rawResponse.Status != 202;
        }
        else
        {
            var job = async
                ? await _client.GetJobAsync(Id, cancellationToken).ConfigureAwait(false)
                : _client.GetJob(Id, cancellationToken);
            _rawResponse = job.GetRawResponse();
            _completed = job.Value.Status.IsTerminal;
        }

        return _rawResponse;
    }
}
