// Dashboard benchmark (issue 13's performance targets: first render < 1 s, server memory < 200 MB, events < 1 s behind
// the journal). A sweep of 1,000 trials (4 hyperparameters, 10 reports each or 3 when the bandit policy stops it, ~6,000
// policy decisions) is written as a journal, as a running local sweep leaves it, and served by the real
// `hyperdrive dashboard` process; headless Chromium opens its page.
//
// What is measured:
// - first render: (of a run that moved since the server last read it, so the server reads and draws it) navigation start (the page's performance.timeOrigin) to the first frame painted after the page's script
//   has drawn and wired every chart and put in every control (its "hyperdrive-ready" performance mark; a build without
//   the mark: its load event, which comes after its inline script ran), read in the page with performance.now() two
//   animation frames later. Viewport
//   1200x900, as a person opens it. The first page after the server starts (cold: the server's code is not compiled yet)
//   is shown on its own; then the median and the worst of the next rounds (warm).
// - full render: the same with a viewport as tall as the whole page, so every chart is laid out and painted before the
//   frame counts (nothing is left for scrolling).
// - server memory: the process's peak resident set (VmHWM) after all the pages and the event rounds.
// - event delivery: a journal line appended (one write, as the engine does) to its arrival on /runs/big/events.
// - live page update: a metric line appended while the page is open, to the frame after the page redrew itself.
//
// Run (not in the solution, not a test): dotnet build -c Release src/HyperDrive.Fluent.Cli, then
//   dotnet run -c Release --project benchmarks/Dashboard -- [--trials N] [--rounds R] [TOOL.dll] [BASELINE.dll]
// TOOL defaults to this checkout's Release build; BASELINE (say, the tool built from an earlier commit) is measured in
// the same invocation, its rounds interleaved with TOOL's, so both see the same machine load.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PuppeteerSharp;

var trials = 1000;
var rounds = 6;
var tools = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--trials":
            trials = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--rounds":
            rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            tools.Add(Path.GetFullPath(args[i]));
            break;
    }
}

if (tools.Count == 0)
{
    tools.Add(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/HyperDrive.Fluent.Cli/bin/Release/net10.0/hyperdrive.dll")));
}

foreach (var tool in tools.Where(t => !File.Exists(t)))
{
    Console.Error.WriteLine($"build the tool first: dotnet build -c Release src/HyperDrive.Fluent.Cli (looked for {tool})");
    return 1;
}

var root = Directory.CreateTempSubdirectory("hd-dash-bench-").FullName;
var journal = Path.Combine(root, "big", "journal.jsonl");
Directory.CreateDirectory(Path.GetDirectoryName(journal)!);
WriteJournal(journal, trials);
Console.WriteLine($"{trials} trials, journal {new FileInfo(journal).Length / 1024} KiB, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

var servers = new List<Server>();
try
{
    foreach (var tool in tools)
    {
        servers.Add(await Server.StartAsync(tool, root));
    }

    await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions { Headless = true, ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    // Before each page, a line the readers skip is appended to the journal: the run "moved", as a running sweep does,
    // so the server reads and draws it again (no page comes from the dashboard's cache of unchanged runs).
    for (var round = 0; round <= rounds; round++)
    {
        foreach (var server in servers)
        {
            Touch(journal);
            server.First.Add(await RenderAsync(browser, server.Page, tall: false));
        }
    }

    for (var round = 0; round < Math.Max(1, rounds / 2); round++)
    {
        foreach (var server in servers)
        {
            Touch(journal);
            server.Full.Add(await RenderAsync(browser, server.Page, tall: true));
        }
    }

    // The same page again with nothing changed (a reload, a second tab): served from the cache of unchanged runs.
    foreach (var server in servers)
    {
        Touch(journal);
        await RenderAsync(browser, server.Page, tall: false);
        for (var round = 0; round < Math.Max(1, rounds / 2); round++)
        {
            server.Unchanged.Add(await RenderAsync(browser, server.Page, tall: false));
        }
    }

    foreach (var server in servers)
    {
        server.Delays.AddRange(await EventDelaysAsync(server.Address, journal));
        for (var round = 0; round < Math.Max(1, rounds / 2); round++)
        {
            server.Updates.Add(await LiveUpdateAsync(browser, server.Page, journal));
        }
    }

    Console.WriteLine();
    foreach (var server in servers)
    {
        var cold = server.First[0];
        var warm = server.First.Skip(1).ToList();
        Console.WriteLine(server.Tool);
        Console.WriteLine($"  page: {cold.Bytes / 1024} KiB of HTML, {cold.Nodes} elements");
        Console.WriteLine($"  first render, cold (first page after start): {cold.Drawn:0} ms (server's first byte at {cold.FirstByte:0} ms)");
        Console.WriteLine($"  first render, warm: median {Median(warm.Select(r => r.Drawn)):0} ms, worst {warm.Max(r => r.Drawn):0} ms (server's first byte: median {Median(warm.Select(r => r.FirstByte)):0} ms; HTML parsed: median {Median(warm.Select(r => r.Parsed)):0} ms)");
        Console.WriteLine($"  first render of an unchanged run (reload): median {Median(server.Unchanged.Select(r => r.Drawn)):0} ms (server's first byte: median {Median(server.Unchanged.Select(r => r.FirstByte)):0} ms)");
        Console.WriteLine($"  full render (every chart laid out and painted): median {Median(server.Full.Select(r => r.Drawn)):0} ms, worst {server.Full.Max(r => r.Drawn):0} ms");
        Console.WriteLine($"  event delivery behind the journal: median {Median(server.Delays):0} ms, worst {server.Delays.Max():0} ms");
        Console.WriteLine($"  live page update (a journal line appended to the open page redrawn, the frame after): median {Median(server.Updates):0} ms, worst {server.Updates.Max():0} ms");
        Console.WriteLine($"  server memory: resident {server.Memory("VmRSS")}, peak resident {server.Memory("VmHWM")}");
    }

    Console.WriteLine($"load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
}
finally
{
    foreach (var server in servers)
    {
        await server.DisposeAsync();
    }

    Directory.Delete(root, recursive: true);
}

return 0;

static async Task<Render> RenderAsync(IBrowser browser, Uri url, bool tall)
{
    await using var page = await browser.NewPageAsync();
    await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = tall ? 60000 : 900 });
    await page.GoToAsync(url.ToString(), WaitUntilNavigation.Load);
    var result = await page.EvaluateExpressionAsync<JsonElement>("""
        new Promise(done => {
          const measure = () => requestAnimationFrame(() => requestAnimationFrame(() => {
            const n = performance.getEntriesByType('navigation')[0];
            done({ render: performance.now(), firstByte: n.responseStart, parsed: n.domInteractive, bytes: n.decodedBodySize, nodes: document.getElementsByTagName('*').length });
          }));
          // A build with the mark: wait for it. One without (an older baseline): its script ran before the load event.
          if (!Array.from(document.scripts).some(s => s.text.includes('hyperdrive-ready'))) measure();
          else new PerformanceObserver((list, observer) => {
            if (list.getEntriesByName('hyperdrive-ready').length > 0) { observer.disconnect(); measure(); }
          }).observe({ type: 'mark', buffered: true });
        })
        """);
    return new Render(result.GetProperty("render").GetDouble(), result.GetProperty("firstByte").GetDouble(), result.GetProperty("parsed").GetDouble(),
        result.GetProperty("bytes").GetInt64(), result.GetProperty("nodes").GetInt32());
}

// With the page open, appends a metric line (as the engine does) and times how long the page takes to show it: the event,
// the page's fetch of its new body, the redraw, and the frame after.
static async Task<double> LiveUpdateAsync(IBrowser browser, Uri url, string journal)
{
    await using var page = await browser.NewPageAsync();
    await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 900 });
    await page.GoToAsync(url.ToString(), WaitUntilNavigation.Load);
    await page.WaitForFunctionAsync("() => window.hyperdriveLive !== undefined && (document.documentElement.hasAttribute('data-ready') || !Array.from(document.scripts).some(s => s.text.includes('hyperdrive-ready')))");
    await Task.Delay(300); // the stream is open
    var before = await page.EvaluateExpressionAsync<int>("window.hyperdriveLive.refreshes");
    var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    File.AppendAllText(journal, $"{{\"event\":\"metric\",\"trial\":5,\"name\":\"loss\",\"value\":0.25,\"step\":{sent % 100000 + 100},\"time\":\"{DateTimeOffset.UtcNow:O}\",\"source\":\"bench\"}}\n");
    await page.WaitForFunctionAsync($"() => window.hyperdriveLive.refreshes > {before}", new WaitForFunctionOptions { Timeout = 30_000 });
    var shown = await page.EvaluateExpressionAsync<double>("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(Date.now()))))");
    return shown - sent;
}

// Appends journal lines (one write each, as the engine does) and times their arrival on the page's event stream.
static async Task<List<double>> EventDelaysAsync(Uri address, string journal)
{
    using var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    using var stream = await http.GetStreamAsync("/runs/big/events?since=" + new FileInfo(journal).Length.ToString(CultureInfo.InvariantCulture));
    using var reader = new StreamReader(stream);
    await reader.ReadLineAsync(); // retry:
    var delays = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        var marker = $"\"source\":\"bench-{Guid.NewGuid():N}\"";
        var sent = Stopwatch.GetTimestamp();
        await using (var file = new FileStream(journal, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(Encoding.UTF8.GetBytes($"{{\"event\":\"metric\",\"trial\":{i},\"name\":\"loss\",\"value\":0.5,\"step\":99,\"time\":\"{DateTimeOffset.UtcNow:O}\",{marker}}}\n"));
        }

        string? received;
        do
        {
            received = await reader.ReadLineAsync();
        }
        while (received is not null && !received.Contains(marker, StringComparison.Ordinal));
        delays.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        await Task.Delay(50);
    }

    return delays;
}

static void Touch(string journal) => File.AppendAllText(journal, "{\"event\":\"benchmark\"}\n");

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static void WriteJournal(string path, int trials)
{
    var random = new Random(1);
    var text = new StringBuilder();
    var t = DateTimeOffset.UtcNow.AddHours(-1);
    string Time() => (t = t.AddMilliseconds(50)).ToString("O", CultureInfo.InvariantCulture);
    text.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"run\",\"runId\":\"big\",\"seed\":1,\"fingerprint\":\"x\",\"time\":\"{Time()}\",\"objective\":{{\"goal\":\"minimize\",\"primaryMetric\":\"loss\"}},\"maxTotalTrials\":{trials},\"searchSpace\":{{\"lr\":\"loguniform\",\"dropout\":\"uniform\",\"layers\":\"choice\",\"optimizer\":\"choice\"}}}}\n");
    var optimizers = new[] { "adam", "sgd", "rmsprop" };
    for (var n = 0; n < trials; n++)
    {
        var lr = Math.Exp(-9 + (8 * random.NextDouble()));
        var dropout = 0.6 * random.NextDouble();
        var layers = new[] { 1, 2, 4 }[random.Next(3)];
        var optimizer = optimizers[random.Next(3)];
        text.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"proposed\",\"trial\":{n},\"parameters\":{{\"lr\":{lr:R},\"dropout\":{dropout:R},\"layers\":{layers},\"optimizer\":\"{optimizer}\"}}}}\n");
        text.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"started\",\"trial\":{n},\"time\":\"{Time()}\"}}\n");
        var basis = 0.2 + (0.6 * Math.Pow(Math.Log10(lr) + 2, 2)) + (0.3 * Math.Abs(dropout - 0.3));
        var stopped = random.NextDouble() < 0.4;
        var steps = stopped ? 3 : 10;
        for (var step = 1; step <= steps; step++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"metric\",\"trial\":{n},\"name\":\"loss\",\"value\":{basis + (1.5 / step):R},\"step\":{step},\"time\":\"{Time()}\",\"source\":\"stdout\"}}\n");
            if (step >= 2)
            {
                text.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"decision\",\"trial\":{n},\"policy\":\"bandit\",\"interval\":{step},\"value\":{basis + (1.5 / step):R},\"best\":1.0,\"threshold\":1.15,\"terminate\":{(stopped && step == steps ? "true" : "false")},\"time\":\"{Time()}\"}}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"{{\"event\":\"finished\",\"trial\":{n},\"status\":\"{(stopped ? "Terminated" : "Completed")}\",\"time\":\"{Time()}\"}}\n");
    }

    File.WriteAllText(path, text.ToString());
}

/// <summary>One page's figures, in milliseconds since navigation start.</summary>
internal sealed record Render(double Drawn, double FirstByte, double Parsed, long Bytes, int Nodes);

/// <summary>A `hyperdrive dashboard` process over the benchmark's root.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;

    private Server(string tool, Process process, Uri address)
    {
        Tool = tool;
        _process = process;
        Address = address;
    }

    public string Tool { get; }

    public Uri Address { get; }

    public Uri Page => new(Address, "/runs/big");

    public List<Render> First { get; } = [];

    public List<Render> Full { get; } = [];

    public List<Render> Unchanged { get; } = [];

    public List<double> Updates { get; } = [];

    public List<double> Delays { get; } = [];

    public static async Task<Server> StartAsync(string tool, string root)
    {
        var process = Process.Start(new ProcessStartInfo("dotnet", [tool, "dashboard", root, "--port", "0"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(await process.StandardError.ReadToEndAsync());
        return new Server(tool, process, new Uri(line[line.IndexOf("http", StringComparison.Ordinal)..].Split(' ')[0]));
    }

    public string Memory(string field) =>
        File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(':')[1].Trim();

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
