// Dashboard benchmark: a sweep of 1,000 trials (10 reports each, 4 hyperparameters, bandit decisions), served by the
// real `hyperdrive dashboard` process; measures the page's first render in headless Chromium, the server's memory, and
// how far behind the journal the Server-Sent Events arrive. Targets (issue 13): < 1 s, < 200 MB, < 1 s.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PuppeteerSharp;

var trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var tool = args.Length > 1 ? args[1] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/HyperDrive.Fluent.Cli/bin/Release/net10.0/hyperdrive.dll"));
if (!File.Exists(tool))
{
    Console.Error.WriteLine($"build the tool first: dotnet build -c Release src/HyperDrive.Fluent.Cli (looked for {tool})");
    return 1;
}

var root = Directory.CreateTempSubdirectory("hd-dash-bench-").FullName;
var run = Path.Combine(root, "big");
Directory.CreateDirectory(run);
var journal = Path.Combine(run, "journal.jsonl");
WriteJournal(journal, trials);
Console.WriteLine($"{trials} trials, journal {new FileInfo(journal).Length / 1024} KiB");

using var server = Process.Start(new ProcessStartInfo("dotnet", [tool, "dashboard", root, "--port", "0"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
var line = await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(await server.StandardError.ReadToEndAsync());
var url = new Uri(line[line.IndexOf("http", StringComparison.Ordinal)..].Split(' ')[0]);
try
{
    await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions { Headless = true, ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu"] });
    var renders = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        await using var page = await browser.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GoToAsync(new Uri(url, "/runs/big").ToString(), WaitUntilNavigation.Load);
        await page.EvaluateExpressionAsync("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"); // painted
        renders.Add(watch.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine($"first render (navigation to painted, page of {trials} trials): first {renders[0]:0} ms, median of next 5 {Median(renders.Skip(1)):0} ms");

    // Event delivery: append journal lines (as the engine does: one write each) and time their arrival on the stream.
    using var http = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
    using var stream = await http.GetStreamAsync("/runs/big/events");
    using var reader = new StreamReader(stream);
    await reader.ReadLineAsync(); // retry:
    var delays = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        var sent = Stopwatch.GetTimestamp();
        await using (var file = new FileStream(journal, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            var text = Encoding.UTF8.GetBytes($"{{\"event\":\"metric\",\"trial\":{i},\"name\":\"loss\",\"value\":0.5,\"step\":99,\"time\":\"{DateTimeOffset.UtcNow:O}\",\"source\":\"bench\"}}\n");
            file.Write(text);
        }

        string? received;
        do
        {
            received = await reader.ReadLineAsync();
        }
        while (received is not null && !received.StartsWith("data:", StringComparison.Ordinal));
        delays.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        await Task.Delay(50);
    }

    Console.WriteLine($"event delivery behind the journal: median {Median(delays):0} ms, max {delays.Max():0} ms (server polls every 100 ms)");
    server.Refresh();
    var status = File.ReadAllLines($"/proc/{server.Id}/status");
    string Field(string name) => status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim();
    Console.WriteLine($"server memory: resident {Field("VmRSS")}, peak resident {Field("VmHWM")}");
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    Directory.Delete(root, recursive: true);
}

return 0;

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
