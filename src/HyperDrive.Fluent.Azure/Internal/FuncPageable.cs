using Azure;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Fetches one page for a continuation token (<see langword="null"/> for the first page).</summary>
internal delegate ValueTask<Page<T>> PageFetcher<T>(string? continuationToken, int? pageSizeHint, bool async,
    CancellationToken cancellationToken)
    where T : notnull;

/// <summary>An <see cref="AsyncPageable{T}"/> that fetches pages lazily, one at a time: only the current page is held
/// in memory.</summary>
internal sealed class FuncAsyncPageable<T> : AsyncPageable<T>
    where T : notnull
{
    private readonly PageFetcher<T> _fetch;

    public FuncAsyncPageable(PageFetcher<T> fetch, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _fetch = fetch;
    }

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var page = await _fetch(continuationToken, pageSizeHint, async: true, CancellationToken).ConfigureAwait(
                false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}

/// <summary>The synchronous twin of <see cref="FuncAsyncPageable{T}"/>.</summary>
internal sealed class FuncPageable<T> : Pageable<T>
    where T : notnull
{
    private readonly PageFetcher<T> _fetch;

    public FuncPageable(PageFetcher<T> fetch, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _fetch = fetch;
    }

    public override IEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var task = _fetch(continuationToken, pageSizeHint, async: false, CancellationToken);
            var page = task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}
