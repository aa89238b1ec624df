using System.Globalization;
using System.Net;
using System.Text;
using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperDrive.Fluent.Cli.Dashboard;

/// <summary>
/// The dashboard's web server (Kestrel): the run list, one page per run drawn by the report's renderer, the page's body
/// for live refreshes, a Server-Sent Events stream that tails the run's journal, trial logs as plain text and the
/// trial table as CSV/JSON. Read-only (GET only), every asset inline (no CDN), run ids looked up among the listed runs.
/// A run is read again only when its files changed (<see cref="SnapshotCache"/>).
/// With a workspace (<see cref="AzureSweepSource"/>) it also lists that workspace's Azure ML sweeps and shows each one
/// (<c>/azure/{job}</c>), refreshed by polling the service with the Azure engine's back-off.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private const string Security =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src " +
        "'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private readonly WebApplication _app;
    private readonly RunCatalog _catalog;
    private readonly TimeSpan _poll;
    private readonly AzureSweepSource? _azure;
    private readonly SnapshotCache _snapshots = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;

    private DashboardServer(WebApplication app, RunCatalog catalog, TimeSpan poll, AzureSweepSource? azure)
    {
        _app = app;
        _catalog = catalog;
        _poll = poll;
        _azure = azure;
    }

    /// <summary>Gets the address the server listens on, e.g. <c>http://127.0.0.1:8765/</c>.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts a server over the runs under <paramref name="root"/>.</summary>
    /// <param name="root">The runs' root folder.</param>
    /// <param name="address">The address to bind (127.0.0.1 unless asked otherwise).</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="poll">How often the event stream looks at a run's journal.</param>
    /// <param name="azure">The Azure ML sweeps to list too (<c>--workspace</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DashboardServer> StartAsync(
        string root, IPAddress address, int port, TimeSpan? poll = null, AzureSweepSource? azure =
        null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(address, port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new DashboardServer(app, new RunCatalog(root), poll ?? TimeSpan.FromMilliseconds(100), azure);
        server.Map();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First();
        var uri = new Uri(bound);
        server.Address = new Uri($"http://{(address.Equals(IPAddress.Any) ? "127.0.0.1" : uri.Host)}:{uri.Port}/");
        // Returned (and so the URL printed, and --open run) once the warm-up is done, or after 5 s at most.
        server._warmUp = server.WarmUpAsync(server._stopping.Token);
        await Task.WhenAny(server._warmUp, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)).ConfigureAwait(
            false);
        return server;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _warmUp.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Asks this server, over loopback, for the run list and the newest local run's page once, as soon as it listens,
    /// and throws the answers away; the URL is printed after it (at most 5 s), so the first page a person opens is
    /// drawn by compiled code from a read run. Measured (benchmarks/Dashboard, 1,000 trials, quiet machine): the first
    /// page after the start took 1,227 ms, 783 ms of it before the server's first byte (JIT), against 596 ms for later
    /// pages. Read-only, like every request; Azure pages are left alone (they cost service calls), and so is the run
    /// list when it holds them.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
            if (_azure is null)
            {
                await client.GetByteArrayAsync(new Uri("/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            }

            if (_catalog.List() is [var newest, ..])
            {
                await client.GetByteArrayAsync(new Uri("/runs/" + Uri.EscapeDataString(newest), UriKind.Relative),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // Only a head start: a failure here shows up, if at all, when a person opens the page.
        }
    }

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            context.Response.Headers["Content-Security-Policy"] = Security;
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers["Cache-Control"] = "no-store";
            await next(context).ConfigureAwait(false);
        });
        _app.MapGet("/", ListAsync);
        _app.MapGet("/runs/{id}", (HttpContext c, string id) => PageAsync(c, id, step: null, bodyOnly: false));
        _app.MapGet("/runs/{id}/body", (HttpContext c, string id) => PageAsync(c, id, step: null, bodyOnly: true));
        _app.MapGet("/runs/{id}/events", (HttpContext c, string id) => EventsAsync(c, id, step: null));
        _app.MapGet("/runs/{id}/export.{format}", (HttpContext c, string id, string format) =>
            ExportAsync(c, id, step: null, format));
        _app.MapGet("/runs/{id}/trials/{number:int}/{stream}", (HttpContext c, string id, int number, string stream) =>
            LogAsync(c, id, step: null, number, stream));
        _app.MapGet("/runs/{id}/steps/{step}", (HttpContext c, string id, string step) =>
            PageAsync(c, id, step, bodyOnly: false));
        _app.MapGet("/runs/{id}/steps/{step}/body", (HttpContext c, string id, string step) =>
            PageAsync(c, id, step, bodyOnly: true));
        _app.MapGet("/runs/{id}/steps/{step}/events", (HttpContext c, string id, string step) =>
            EventsAsync(c, id, step));
        _app.MapGet("/runs/{id}/steps/{step}/export.{format}", (HttpContext c, string id, string step, string format) =>
            ExportAsync(c, id, step, format));
        _app.MapGet("/runs/{id}/steps/{step}/trials/{number:int}/{stream}",
            (HttpContext c, string id, string step, int number, string stream) =>
            LogAsync(c, id, step, number, stream));
        _app.MapGet("/azure/{name}", (HttpContext c, string name) => AzurePageAsync(c, name, bodyOnly: false));
        _app.MapGet("/azure/{name}/body", (HttpContext c, string name) => AzurePageAsync(c, name, bodyOnly: true));
        _app.MapGet("/azure/{name}/events", AzureEventsAsync);
        _app.MapGet("/azure/{name}/export.{format}", AzureExportAsync);
    }

    private string? Folder(string id, string? step) => step is null ? _catalog.Find(id) : _catalog.FindStep(id, step);

    private static string Base(string id, string? step) =>
        "/runs/" + Uri.EscapeDataString(id) + (step is null ? string.Empty : "/steps/" + Uri.EscapeDataString(step));

    private async Task ListAsync(HttpContext context)
    {
        var runs = new List<RunSummary>();
        var unreadable = new List<(string, string)>();
        foreach (var id in _catalog.List())
        {
            try
            {
                runs.Add(_snapshots.Read(Path.Combine(_catalog.Root, id)).Summary(id, DateTimeOffset.UtcNow));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                unreadable.Add((id, ex.Message));
            }
        }

        AzureListing? azure = null;
        if (_azure is not null)
        {
            try
            {
                var jobs = await _azure.ListAsync(context.RequestAborted).ConfigureAwait(false);
                azure = new AzureListing(
                    _azure.Workspace, jobs.Select(j => _azure.Summary(j, DateTimeOffset.UtcNow)).ToList(), null);
            }
            catch (Exception ex) when (AzureProblem.IsAzureFailure(ex))
            {
                azure = new AzureListing(_azure.Workspace, [], "cannot list the sweeps: " + AzureProblem.Describe(ex));
            }
        }

        await Html(context, RunListPage.Render(_catalog.Root, runs, unreadable, azure)).ConfigureAwait(false);
    }

    private async Task PageAsync(HttpContext context, string id, string? step, bool bodyOnly)
    {
        if (Folder(id, step) is not { } folder)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        // Measured before the read, so the page's event stream starts from at most what the page shows.
        var drawnFrom = JournalTail.Size(folder);
        RunSnapshot snapshot;
        try
        {
            snapshot = _snapshots.Read(folder);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await Text(context, "This run cannot be read: " + ex.Message).ConfigureAwait(false);
            return;
        }

        var root = Base(id, step);
        var links = new List<(string, string)> { ("\u2190 all runs", "/") };
        if (step is not null)
        {
            links.Add(("\u2190 pipeline " + id, Base(id, null)));
        }

        links.Add(("export CSV", root + "/export.csv"));
        links.Add(("export JSON", root + "/export.json"));
        var reportContext = snapshot.Context with
        {
            TrialLogLink = (trial, stream) =>
                File.Exists(Path.Combine(folder, "trials", trial.Id, "logs", stream + ".txt"))
                ? root + "/trials/" + trial.Number.ToString(CultureInfo.InvariantCulture) + "/" + stream
                : null,
            StepLink = step is null ? name => Base(id, name) : null,
            Links = links,
            Live = snapshot.Finished ? null
                : (root + "/events?since=" + drawnFrom.ToString(CultureInfo.InvariantCulture), root + "/body"),
        };
        var options =
            new SweepReportOptions
            { Title = (step is null ? string.Empty : "Step " + step + " of ")
            + (snapshot.Result.Steps.Count > 0 ? "Pipeline " : "Sweep ") + id };
        await Html(context, bodyOnly ? SweepReport.RenderBodyPart(snapshot.Result, options, reportContext)
            : SweepReport.RenderPage(snapshot.Result, options, reportContext)).ConfigureAwait(false);
    }

    private async Task AzurePageAsync(HttpContext context, string name, bool bodyOnly)
    {
        if (_azure is null || await _azure.FindAsync(name, context.RequestAborted).ConfigureAwait(false) is null)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        RunSnapshot snapshot;
        try
        {
            snapshot = await _azure.ReadAsync(name, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (AzureProblem.IsAzureFailure(ex))
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await Text(context, $"Azure ML sweep {name} cannot be read: {AzureProblem.Describe(ex)}").ConfigureAwait(
                false);
            return;
        }

        var root = "/azure/" + Uri.EscapeDataString(name);
        var links = new List<(string, string)> { ("\u2190 all runs", "/") };
        if (snapshot.StudioUri is { } studio)
        {
            links.Add(("open in Azure ML Studio", studio.ToString()));
        }

        links.Add(("export CSV", root + "/export.csv"));
        links.Add(("export JSON", root + "/export.json"));
        var reportContext = snapshot.Context with
        {
            Links = links,
            Live = snapshot.Finished ? null : (root + "/events?since=" + Signature(snapshot.Result), root + "/body"),
        };
        var options = new SweepReportOptions { Title = "Azure ML sweep " + name + " (" + _azure.Workspace + ")" };
        await Html(context, bodyOnly ? SweepReport.RenderBodyPart(snapshot.Result, options, reportContext)
            : SweepReport.RenderPage(snapshot.Result, options, reportContext)).ConfigureAwait(false);
    }

    /// <summary>The event stream of an Azure sweep: the service is polled (every
    /// <see cref="AzureMLSweepEngineOptions.PollInterval"/> while something changes, the wait doubling up to
    /// <see cref="AzureMLSweepEngineOptions.MaxPollInterval"/> while nothing does; the client's retry policy handles
    /// throttling) and an event is sent when the trials changed.</summary>
    private async Task AzureEventsAsync(HttpContext context, string name)
    {
        var token = context.RequestAborted;
        if (_azure is null || await _azure.FindAsync(name, token).ConfigureAwait(false) is null)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var options = _azure.Options;
        try
        {
            await context.Response.WriteAsync("retry: 5000\n\n", token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            // The page says what it was drawn from (its sweep's signature); without that, the first look counts as a
            // change.
            string? last = context.Request.Query["since"].FirstOrDefault();
            var delay = options.PollInterval;
            while (!token.IsCancellationRequested)
            {
                string data;
                var finished = false;
                try
                {
                    var snapshot = await _azure.ReadAsync(name, token).ConfigureAwait(false);
                    var signature = Signature(snapshot.Result);
                    finished = snapshot.Finished;
                    var changed = signature != last;
                    data = changed ? System.Text.Json.JsonSerializer.Serialize(
                        new { @event = "azure", status = snapshot.Result.Status.ToString(),
                        trials = snapshot.Result.Trials.Count }) : string.Empty;
                    delay = last is null || changed ? options.PollInterval
                        : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollInterval.Ticks));
                    last = signature;
                }
                catch (Exception ex) when (AzureProblem.IsAzureFailure(ex))
                {
                    data = System.Text.Json.JsonSerializer.Serialize(
                        new { @event = "problem", message = AzureProblem.Describe(ex) });
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollInterval.Ticks));
                }

                if (data.Length > 0)
                {
                    await context.Response.WriteAsync("data: " + data + "\n\n", token).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
                }

                if (finished)
                {
                    await context.Response.WriteAsync("event: end\ndata: {\"event\":\"results\"}\n\n", token)
                        .ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(delay, options.TimeProvider, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page closed the stream.
        }
    }

    private async Task AzureExportAsync(HttpContext context, string name, string format)
    {
        if (_azure is null || format is not ("csv" or "json")
            || await _azure.FindAsync(name, context.RequestAborted).ConfigureAwait(false) is null)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        SweepResult result;
        try
        {
            result = (await _azure.ReadAsync(name, context.RequestAborted).ConfigureAwait(false)).Result;
        }
        catch (Exception ex) when (AzureProblem.IsAzureFailure(ex))
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await Text(context, $"Azure ML sweep {name} cannot be read: {AzureProblem.Describe(ex)}").ConfigureAwait(
                false);
            return;
        }

        context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"trials-{SafeName(name)}.{format}\"";
        await context.Response.WriteAsync(format == "csv" ? TrialTable.ToCsv(result) : TrialTable.ToJson(result),
            context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>What a page shows of a sweep, as a short hash of its status and each trial's status and
    /// values.</summary>
    private static string Signature(SweepResult result)
    {
        var text = new StringBuilder(result.Status.ToString());
        foreach (var trial in result.Trials)
        {
            text.Append('|').Append(trial.Id).Append(':').Append(trial.Status);
            foreach (var (metric, values) in trial.Metrics)
            {
                text.Append(',').Append(metric).Append('=').Append(values.Count).Append('/')
                    .Append(values.Count > 0 ? values[^1].Value.ToString("R", CultureInfo.InvariantCulture)
                        : string.Empty);
            }
        }

        return Convert.ToHexString(
            System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12));
    }

    private async Task EventsAsync(HttpContext context, string id, string? step)
    {
        if (Folder(id, step) is not { } folder)
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var token = context.RequestAborted;
        await using var tail = new JournalTail(folder);
        tail.SkipToEnd();
        await context.Response.WriteAsync("retry: 1000\n\n", token).ConfigureAwait(false);
        // The page's URL says how much of the journals it was drawn from (since=bytes); anything newer, or no such
        // mark, and the page is told at once to catch up.
        if (!long.TryParse(context.Request.Query["since"].FirstOrDefault(), NumberStyles.None,
            CultureInfo.InvariantCulture, out var since) || since != tail.Position)
        {
            await context.Response.WriteAsync("data: {\"event\":\"changed\"}\n\n", token).ConfigureAwait(false);
        }

        await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
        try
        {
            while (!token.IsCancellationRequested)
            {
                var (lines, finished) = tail.Poll();
                if (lines.Count > 0)
                {
                    var text = new StringBuilder();
                    foreach (var line in lines)
                    {
                        text.Append("data: ").Append(line).Append("\n\n");
                    }

                    await context.Response.WriteAsync(text.ToString(), token).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
                }

                if (finished)
                {
                    await context.Response.WriteAsync("event: end\ndata: {\"event\":\"results\"}\n\n", token)
                        .ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(_poll, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page closed the stream.
        }
    }

    private async Task ExportAsync(HttpContext context, string id, string? step, string format)
    {
        if (Folder(id, step) is not { } folder || format is not ("csv" or "json"))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        var result = _snapshots.Read(folder).Result;
        context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition =
            $"attachment; filename=\"{(step is null ? "trials" : "trials-" + SafeName(step))}.{format}\"";
        await context.Response.WriteAsync(format == "csv" ? TrialTable.ToCsv(result) : TrialTable.ToJson(result),
            context.RequestAborted).ConfigureAwait(false);
    }

    private async Task LogAsync(HttpContext context, string id, string? step, int number, string stream)
    {
        if (Folder(id, step) is not { } folder || stream is not ("stdout" or "stderr"))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        var trial = _snapshots.Read(folder).Result.Trials.FirstOrDefault(t => t.Number == number);
        var path =
            trial is null ? null : Path.GetFullPath(Path.Combine(folder, "trials", trial.Id, "logs", stream + ".txt"));
        if (path is null
            || !path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || !File.Exists(path))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await using var file =
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await file.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string SafeName(string text) =>
        new(text.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Text(context, "Not found: no such run, step, trial or file under the dashboard's root.");
    }

    private static Task Html(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>Writes a rendered page chunk by chunk, as UTF-8, straight into the response's buffers.</summary>
    private static async Task Html(HttpContext context, StringBuilder html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var writer = context.Response.BodyWriter;
        foreach (var chunk in html.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, writer);
            if (writer.UnflushedBytes > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }

        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Text(HttpContext context, string text)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
