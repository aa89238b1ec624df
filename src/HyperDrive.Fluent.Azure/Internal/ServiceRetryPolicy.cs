using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// The client's retry step (it takes the place of Azure.Core's retry policy): a retriable reply (408, 429, 500, 502,
/// 503, 504) or a transport failure is retried up to <see cref="RetryOptions.MaxRetries"/> times. A server's
/// <c>Retry-After</c> is honoured up to <see cref="HyperDriveClientOptions.RetryAfterCap"/>; a longer one, and a reply
/// without one (every 429 recorded from Azure ML has none: <c>error_429__*</c> in the service recordings), gets the
/// client's own back-off: exponential from <see cref="RetryOptions.Delay"/>, bounded by
/// <see cref="RetryOptions.MaxDelay"/>, with jitter so that throttled clients do not retry in step. Waits run on
/// <see cref="HyperDriveClientOptions.TimeProvider"/>.
/// </summary>
internal sealed class ServiceRetryPolicy(HyperDriveClientOptions options) : HttpPipelinePolicy
{
#pragma warning disable CA5394 // Jitter, not security.
    private static double NextJitter() => Random.Shared.NextDouble();
#pragma warning restore CA5394

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessCoreAsync(message, pipeline, async: true);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessCoreAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    /// <summary>The wait before retry <paramref name="attempt"/> (1-based) after <paramref name="response"/>.</summary>
    internal TimeSpan NextDelay(Response? response, int attempt, out string? notice)
    {
        notice = null;
        var retry = options.Retry;
        var server = response is null ? null : RetryAfter.Read(response, options.TimeProvider);
        if (server is { } serverDelay && serverDelay <= options.RetryAfterCap)
        {
            return serverDelay;
        }

        var exponential = retry.Mode == RetryMode.Fixed
            ? retry.Delay
            : TimeSpan.FromTicks((long)Math.Min(retry.MaxDelay.Ticks, retry.Delay.Ticks * Math.Pow(2, attempt - 1)));
        var bounded = exponential > retry.MaxDelay ? retry.MaxDelay : exponential;

        // Equal jitter: half the back-off fixed, half random, so waits grow and still spread out.
        var delay = TimeSpan.FromTicks((bounded.Ticks / 2) + (long)(NextJitter() * (bounded.Ticks / 2)));
        if (response is not null)
        {
            var reason = server is { } tooLong
                ? string.Create(CultureInfo.InvariantCulture, $"asked to retry after {tooLong.TotalSeconds:0} s, ")
                    + string.Create(
                        CultureInfo.InvariantCulture, $"more than the {options.RetryAfterCap.TotalSeconds:0} s ")
                    + "this client honours; it retries on its own back-off instead"
                : "gave no Retry-After; the client backs off on its own";
            notice = string.Create(
                CultureInfo.InvariantCulture,
                $"Azure ML answered HTTP {response.Status} (request id {RequestIds.Of(response)}) and {reason}: " +
                $"retry {attempt} of {retry.MaxRetries} in {delay.TotalSeconds:0.0} s.");
        }

        return delay;
    }

    private async ValueTask ProcessCoreAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline,
        bool async)
    {
        List<Exception>? failures = null;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure = null;
            try
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
            catch (Exception ex) when (ex is not OperationCanceledException
                || !message.CancellationToken.IsCancellationRequested)
            {
                failure = ex;
                (failures ??= []).Add(ex);
            }

            var retriable = failure is null
                ? message.ResponseClassifier.IsRetriableResponse(message)
                : message.ResponseClassifier.IsRetriable(message, failure);
            if (!retriable || attempt > options.Retry.MaxRetries || message.CancellationToken.IsCancellationRequested)
            {
                if (failure is not null)
                {
                    if (failures!.Count > 1)
                    {
                        // As Azure.Core's retry policy does: every attempt's failure, counted.
                        throw new AggregateException(
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"Retry failed after {failures.Count} tries. Retry settings can be adjusted in ")
                            + "ClientOptions.Retry or by configuring a custom retry policy in "
                            + "ClientOptions.RetryPolicy.",
                            failures);
                    }

                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                }

                return;
            }

            var delay = NextDelay(failure is null ? message.Response : null, attempt, out var notice);
            if (notice is not null)
            {
                options.RetryNotice?.Invoke(notice);
            }

            if (async)
            {
                await Task.Delay(delay, options.TimeProvider, message.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                Task.Delay(delay, options.TimeProvider, message.CancellationToken).GetAwaiter().GetResult();
            }
        }
    }
}
