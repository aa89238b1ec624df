using System.Net;
using HyperDrive.Fluent.Cli.Dashboard;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Local;
using PuppeteerSharp;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Cli.Tests.Dashboard;

/// <summary>
/// One finished local run (the demo sweep, run by the real tool), one finished pipeline (prep -> tune, coreutils commands),
/// a dashboard server on 127.0.0.1 over their root, and one headless Debian Chromium (/usr/bin/chromium, installed by
/// .ci/run) shared by the browser tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const int Trials = 12;

    /// <summary>Gets the Chromium the UI tests drive: <c>HYPERDRIVE_CHROMIUM</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string Chromium => Environment.GetEnvironmentVariable("HYPERDRIVE_CHROMIUM") is { Length: > 0 } custom ? custom : "/usr/bin/chromium";

    public string Root { get; } = Directory.CreateTempSubdirectory("hyperdrive-dashboard-").FullName;

    public string Job => Path.Combine(Root, "job");

    public string Runs => Path.Combine(Root, "runs");

    public Uri Address => Server!.Address;

    internal DashboardServer? Server { get; private set; }

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        CopyJob(Job);
        var (exit, _, error) = await CliRunner.RunAsync("run", Path.Combine(Job, "sweep.yml"), "--out", Path.Combine(Runs, "demo"));
        exit.Should().Be(0, error);
        await RunPipelineAsync(Path.Combine(Runs, "pipe"));
        Server = await DashboardServer.StartAsync(Runs, IPAddress.Loopback, 0);
        var chromium = Chromium;
        File.Exists(chromium).Should().BeTrue($"the dashboard UI tests drive a headless Chromium at {chromium}: install Debian's chromium (sudo apt-get install chromium; .ci/run does) or set HYPERDRIVE_CHROMIUM to another Chromium");
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            DefaultViewport = new ViewPortOptions { Width = 1200, Height = 900 },
        });
    }

    /// <summary>Copies the demo job (script and YAML with <see cref="Trials"/> trials) into <paramref name="folder"/>.</summary>
    public static void CopyJob(string folder, int trials = Trials, int concurrent = 4)
    {
        Directory.CreateDirectory(Path.Combine(folder, "src"));
        File.Copy(CliRunner.TestData("dashboard/src/train.py"), Path.Combine(folder, "src", "train.py"), overwrite: true);
        var yaml = File.ReadAllText(CliRunner.TestData("dashboard/sweep.yml"))
            .Replace("max_total_trials: 24", $"max_total_trials: {trials}", StringComparison.Ordinal)
            .Replace("max_concurrent_trials: 2", $"max_concurrent_trials: {concurrent}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "sweep.yml"), yaml);
    }

    /// <summary>Runs a two-step pipeline: <c>prep</c> makes a folder, the sweep <c>tune</c> takes it and prints <c>r2</c>.</summary>
    private static async Task RunPipelineAsync(string folder)
    {
        var pipeline = Pipeline.Create("pipe")
            .Step("prep", "/bin/mkdir -p ${{outputs.data}}/made", s => s.Output("data"))
            .Sweep("tune", Sweep.For("/bin/echo r2=${{search_space.alpha}} ${{inputs.data}}").BindInput("data", "prep", "data")
                .Sample("alpha", Choice(0.2, 0.5, 0.9)).GridSampling().Maximize("r2"))
            .Build();
        await using var engine = new LocalSweepEngine(new LocalSweepEngineOptions { OutputRoot = Path.GetDirectoryName(folder)! });
        var result = await (await engine.StartAsync(pipeline, new SweepRunOptions { OutputDirectory = folder })).WaitForCompletionAsync();
        result.Status.Should().Be(SweepRunStatus.Completed, result.Error);
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser!.NewPageAsync();
        var response = await page.GoToAsync(new Uri(Address, path).ToString(), WaitUntilNavigation.Load);
        response.Status.Should().Be(HttpStatusCode.OK);
        if (path.StartsWith("/runs/", StringComparison.Ordinal))
        {
            // A run's page puts its search boxes in after its first frame, then marks itself ready.
            await page.WaitForSelectorAsync("html[data-ready]", new WaitForSelectorOptions { Timeout = 30_000 });
        }

        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            Browser.Dispose();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a trial process still exiting; the temp cleaner takes the rest
        }
    }
}

/// <summary>The tests that share one finished run, one server and one browser. They run on their own, after the other
/// collections: Chromium's CPU use would otherwise slow the timing-sensitive process tests running beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DashboardGroup : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
