using HyperDrive.Fluent.Azure.Tests.Fakes;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>Generated job names come from the engine's <see cref="TimeProvider"/> and its count of names, nothing random.</summary>
public sealed class JobNameTests : FakeServerTest
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 30, 15, TimeSpan.Zero);

    private static AzureMLSweepEngine CreateEngine(HyperDriveClient client, TimeProvider clock) =>
        new(client, new AzureMLSweepEngineOptions { TimeProvider = clock });

    private static SweepDefinition Unnamed() => AzureTestDefinitions.Sweep() with { Name = null };

    [Fact]
    public void A_generated_name_is_the_display_name_then_the_engines_clock_then_a_suffix_from_both()
    {
        var clock = new SettableTimeProvider(Noon.AddTicks(1234567));
        var engine = CreateEngine(Fake.CreateClient(), clock);

        var name = engine.ChooseJobName(Unnamed());

        name.Should().MatchRegex("^ridge-sweep-20250314123015-[0-9a-f]{8}$");
        name.Should().EndWith("-" + AzureMLSweepEngine.NameSuffix(Noon.AddTicks(1234567).UtcTicks, count: 0));
    }

    [Fact]
    public void Two_engines_whose_clocks_read_the_same_generate_the_same_names_in_the_same_order()
    {
        var first = CreateEngine(Fake.CreateClient(), new SettableTimeProvider(Noon));
        var second = CreateEngine(Fake.CreateClient(), new SettableTimeProvider(Noon));

        var names = Enumerable.Range(0, 3).Select(_ => first.ChooseJobName(Unnamed())).ToList();

        Enumerable.Range(0, 3).Select(_ => second.ChooseJobName(Unnamed())).Should().Equal(names);
        names.Should().OnlyHaveUniqueItems("one engine counts the names it generated");
    }

    [Fact]
    public void One_engine_never_repeats_a_name_at_one_clock_reading_and_a_new_reading_gives_a_new_name()
    {
        var clock = new SettableTimeProvider(Noon);
        var engine = CreateEngine(Fake.CreateClient(), clock);

        var names = Enumerable.Range(0, 10_000).Select(_ => engine.ChooseJobName(Unnamed())).ToList();
        clock.Now = Noon.AddTicks(1);
        var later = engine.ChooseJobName(Unnamed());

        names.Should().OnlyHaveUniqueItems();
        names.Should().NotContain(later);
        later.Should().StartWith("ridge-sweep-20250314123015-");
        AzureMLSweepEngine.NameSuffix(Noon.UtcTicks, 0).Should().NotBe(AzureMLSweepEngine.NameSuffix(Noon.UtcTicks + 1, 0));
    }

    [Fact]
    public void A_given_name_is_used_as_it_is_and_counts_nothing()
    {
        var engine = CreateEngine(Fake.CreateClient(), new SettableTimeProvider(Noon));
        var twin = CreateEngine(Fake.CreateClient(), new SettableTimeProvider(Noon));

        engine.ChooseJobName(Unnamed(), new Engines.SweepRunOptions { RunName = "mine-1" }).Should().Be("mine-1");
        engine.ChooseJobName(Unnamed() with { Name = "defined-1" }).Should().Be("defined-1");

        engine.ChooseJobName(Unnamed()).Should().Be(twin.ChooseJobName(Unnamed()));
    }

    [Fact]
    public async Task A_submitted_unnamed_sweep_gets_the_name_its_clock_reading_predicts()
    {
        var clock = new InstantTimeProvider();
        var engine = CreateEngine(Fake.CreateClient(clock), clock);
        var expected = CreateEngine(Fake.CreateClient(), new SettableTimeProvider(clock.GetUtcNow())).ChooseJobName(Unnamed());

        var run = await engine.SubmitAsync(Unnamed());

        run.Id.Should().Be(expected);
        Fake.Jobs.Keys.Should().Equal(expected);
    }

    /// <summary>A clock that reads what the test sets (timers are not needed to choose a name).</summary>
    private sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
