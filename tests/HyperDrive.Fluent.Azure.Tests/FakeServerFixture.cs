using HyperDrive.Fluent.Azure.Tests.Fakes;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Starts one fake Azure ML per test (tests mutate its state and faults).</summary>
public abstract class FakeServerTest : IAsyncLifetime
{
    protected FakeAzureML Fake { get; private set; } = null!;

    public async Task InitializeAsync() => Fake = await FakeAzureML.StartAsync();

    public async Task DisposeAsync() => await Fake.DisposeAsync();
}
