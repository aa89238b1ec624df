using HyperDrive.Fluent.Azure;
using HyperDrive.Fluent.Azure.Tests.Fakes;

namespace HyperDrive.Fluent.Cli.Tests.Azure;

/// <summary>Starts one loopback fake Azure ML per test and runs the tool against it through <c>--endpoint</c>, with a
/// transport that trusts the fake's certificate and a clock that does not wait.</summary>
public abstract class FakeAzureCliTest : IAsyncLifetime
{
    private readonly InstantTimeProvider _clock = new();
    private readonly List<string> _folders = [];

    protected FakeAzureML Fake { get; private set; } = null!;

    /// <summary>Gets the environment variables the tool sees (nothing else of the real environment).</summary>
    protected Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    protected static string Workspace => FakeAzureML.WorkspacePath;

    public async Task InitializeAsync() => Fake = await FakeAzureML.StartAsync();

    public async Task DisposeAsync()
    {
        await Fake.DisposeAsync();
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal CliServices Services => new()
    {
        GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
        CreateDefaultCredential = () => Fake.Credential,
        ConfigureClient = options =>
        {
            options.Transport = Fake.CreateTransport();
            options.Retry.Delay = TimeSpan.FromMilliseconds(1);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
            options.TimeProvider = _clock;
        },
        EngineOptions = EngineOptions ?? new AzureMLSweepEngineOptions { TimeProvider = _clock },
    };

    /// <summary>Gets or sets the engine options the tool gets (default: the instant clock, default bounds).</summary>
    internal AzureMLSweepEngineOptions? EngineOptions { get; set; }

    /// <summary>Gets the clock the tool waits on.</summary>
    protected InstantTimeProvider Clock => _clock;

    /// <summary>Runs <c>hyperdrive ARGS --workspace {fake workspace} --endpoint {fake}</c>.</summary>
    protected Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(Services, CancellationToken.None, [.. args, "--workspace", Workspace, "--endpoint", Fake.Endpoint.ToString()]);

    protected Task<(int ExitCode, string Out, string Error)> RunAndCancelAsync(string cancelWhenOutputContains, params string[] args) =>
        CliRunner.RunAndCancelAsync(Services, cancelWhenOutputContains, [.. args, "--workspace", Workspace, "--endpoint", Fake.Endpoint.ToString()]);

    /// <summary>Writes the seed sweep YAML with <paramref name="replace"/> applied to a folder of its own; returns its path.</summary>
    protected string WriteSweep(string name, params (string From, string To)[] replace)
    {
        var text = File.ReadAllText(CliRunner.TestData("seed-sweep.yml"));
        foreach (var (from, to) in replace)
        {
            text.Should().Contain(from, "the replacement must apply");
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        var folder = Directory.CreateTempSubdirectory("hyperdrive-cli-azure-").FullName;
        _folders.Add(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
