using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using HyperDrive.Fluent.Engines;
using HyperDrive.Fluent.Telemetry;
using HyperDrive.Fluent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static HyperDrive.Fluent.Distributions;

namespace HyperDrive.Fluent.Extensions.Tests.Telemetry;

public sealed class InstrumentedSweepEngineTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Status)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();
    private readonly FakeLogCollector _logs = new();
    private readonly string _sweepName = "ridge-" + Guid.NewGuid().ToString("N");

    public InstrumentedSweepEngineTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HyperDriveTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _activities.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HyperDriveTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? sweep = null;
        string? status = null;
        foreach (var tag in tags)
        {
            if (tag.Key == HyperDriveTelemetry.SweepNameTag)
            {
                sweep = tag.Value as string;
            }
            else if (tag.Key == HyperDriveTelemetry.TrialStatusTag)
            {
                status = tag.Value as string;
            }
        }

        if (sweep == _sweepName)
        {
            _measurements.Enqueue((instrument.Name, value, status));
        }
    }

    private async Task<SweepResult> RunBanditSweepAsync(FakeSweepEngine fake)
    {
        fake.Script(trial => trial.Report("r2", trial.Number % 2 == 0 ? [0.9, 0.92] : [0.5, 0.6]));
        var engine = new InstrumentedSweepEngine(fake, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(_logs))));
        var sweep = Sweep.For("train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2").Bandit(1, 0.1).Runs(4, 2).Name(_sweepName).Build();
        await using var run = await engine.StartAsync(sweep);
        return await run.WaitForCompletionAsync();
    }

    [Fact]
    public async Task Each_sweep_and_trial_gets_a_span_with_the_trial_spans_under_the_sweep_span()
    {
        var result = await RunBanditSweepAsync(new FakeSweepEngine());

        var mine = _activities.Where(a => Equals(a.GetTagItem(HyperDriveTelemetry.RunIdTag), result.RunId)).ToList();
        var sweepSpan = mine.Should().ContainSingle(a => a.OperationName == HyperDriveTelemetry.SweepActivityName).Which;
        sweepSpan.DisplayName.Should().Be($"sweep {_sweepName}");
        sweepSpan.Status.Should().Be(ActivityStatusCode.Ok);
        sweepSpan.GetTagItem(HyperDriveTelemetry.BestTrialTag).Should().Be(result.BestTrial!.Id);
        sweepSpan.GetTagItem(HyperDriveTelemetry.EngineTag).Should().Be("fake");

        var trialSpans = mine.Where(a => a.OperationName == HyperDriveTelemetry.TrialActivityName).ToList();
        trialSpans.Should().HaveCount(4).And.OnlyContain(a => a.ParentSpanId == sweepSpan.SpanId && a.TraceId == sweepSpan.TraceId);
        trialSpans.Select(a => (string?)a.GetTagItem(HyperDriveTelemetry.TrialStatusTag)).Should().BeEquivalentTo(["completed", "terminated", "completed", "terminated"]);
        trialSpans.Should().OnlyContain(a => a.GetTagItem(HyperDriveTelemetry.ParameterTagPrefix + "alpha") is double);
        trialSpans.Single(a => Equals(a.GetTagItem(HyperDriveTelemetry.TrialIdTag), result.Trials[1].Id))
            .Events.Should().ContainSingle(e => e.Name == "terminated");
    }

    [Fact]
    public async Task Trials_are_counted_by_outcome_and_their_durations_recorded()
    {
        await RunBanditSweepAsync(new FakeSweepEngine());
        _meterListener.RecordObservableInstruments();

        var counts = _measurements.Where(m => m.Instrument != HyperDriveTelemetry.TrialDurationInstrument)
            .GroupBy(m => m.Instrument).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        counts.Should().BeEquivalentTo(new Dictionary<string, double>
        {
            [HyperDriveTelemetry.TrialsStartedInstrument] = 4,
            [HyperDriveTelemetry.TrialsCompletedInstrument] = 2,
            [HyperDriveTelemetry.TrialsTerminatedInstrument] = 2,
        });
        _measurements.Where(m => m.Instrument == HyperDriveTelemetry.TrialDurationInstrument).Select(m => m.Status)
            .Should().BeEquivalentTo(["completed", "terminated", "completed", "terminated"]);
    }

    [Fact]
    public async Task Log_events_have_stable_ids_and_carry_the_policy_numbers()
    {
        var result = await RunBanditSweepAsync(new FakeSweepEngine());

        var records = _logs.GetSnapshot();
        records.Should().OnlyContain(r => r.Category == HyperDriveTelemetry.LoggerCategory);
        records.Select(r => r.Id.Id).Should().Contain([
            HyperDriveEventIds.SweepStarted, HyperDriveEventIds.TrialStarted, HyperDriveEventIds.TrialFinished,
            HyperDriveEventIds.TrialTerminated, HyperDriveEventIds.BestTrialChanged, HyperDriveEventIds.PolicyEvaluated,
            HyperDriveEventIds.SweepFinished]);
        records[0].Message.Should().Be($"Sweep {_sweepName} started on the fake engine as run {result.RunId}");
        records.First(r => r.Id.Id == HyperDriveEventIds.TrialTerminated).Message.Should().Be(
            $"Trial {result.Trials[1].Id} terminated by the bandit policy at interval 1: value 0.5, threshold {0.9 / 1.1}, best 0.9");
        records[^1].Message.Should().Be(
            $"Sweep {_sweepName} (run {result.RunId}) completed: 4 trials, 2 completed, 2 terminated, 0 failed, 0 canceled; best trial {result.Trials[0].Id} with r2 0.92");
        records.Single(r => r.Id.Id == HyperDriveEventIds.TrialStarted && r.Message.Contains(result.Trials[0].Id, StringComparison.Ordinal))
            .Message.Should().MatchRegex(@"^Trial \S+ started with alpha=0\.\d+$");
    }

    [Fact]
    public async Task Best_trial_changes_are_the_engines_own_and_a_non_finite_value_is_never_the_best()
    {
        // An infinity or NaN never counts (the ledger's rule); the observer used to call +infinity the best trial.
        var fake = new FakeSweepEngine().Script(trial => trial.Report("r2", trial.Number switch
        {
            0 => [0.4, 0.6],
            1 => [double.PositiveInfinity, 0.5],
            2 => [double.NaN, 0.7],
            _ => [0.65],
        }));
        var engine = new InstrumentedSweepEngine(fake, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(_logs))));
        var sweep = Sweep.For("train.py").Sample("--alpha", Uniform(0.05, 1.0)).Maximize("r2").Runs(4, 2).Name(_sweepName).Build();
        await using var run = await engine.StartAsync(sweep);
        var result = await run.WaitForCompletionAsync();
        var changes = new List<string>();
        await foreach (var update in run.WatchAsync())
        {
            if (update.Kind == TrialUpdateKind.BestChanged)
            {
                changes.Add($"Trial {update.TrialId} is the best so far: r2 = {update.Metric!.Value}");
            }
        }

        var logged = _logs.GetSnapshot().Where(r => r.Id.Id == HyperDriveEventIds.BestTrialChanged).Select(r => r.Message).ToList();
        logged.Should().Equal(changes).And.NotContain(m => m.Contains('∞', StringComparison.Ordinal) || m.Contains("Infinity", StringComparison.Ordinal) || m.Contains("NaN", StringComparison.Ordinal));
        result.BestTrial!.Id.Should().Be(result.Trials[2].Id);
        logged[^1].Should().Contain(result.Trials[2].Id).And.Contain("0.7");
    }

    [Fact]
    public async Task A_refused_definition_is_logged_and_its_span_marked_as_an_error()
    {
        var engine = new InstrumentedSweepEngine(new FakeSweepEngine(), LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(_logs))));
        var invalid = Sweep.For("train.py").Sample("--alpha", Uniform(0, 1)).GridSampling().Maximize("r2").Name(_sweepName).BuildUnvalidated();

        var act = () => engine.StartAsync(invalid);

        await act.Should().ThrowAsync<Validation.HyperDriveValidationException>();
        _logs.LatestRecord.Id.Id.Should().Be(HyperDriveEventIds.SweepStartFailed);
        _logs.LatestRecord.Message.Should().Be($"Sweep {_sweepName} could not be started on the fake engine");
        _activities.Should().ContainSingle(a => Equals(a.GetTagItem(HyperDriveTelemetry.SweepNameTag), _sweepName))
            .Which.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public async Task AddHyperDrive_wraps_the_engine_with_the_hosts_logger_and_meter_factories()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddMetrics();
        services.AddKeyedSingleton<ISweepEngine>(HyperDriveOptions.LocalEngine, new FakeSweepEngine().Script(t => t.Report("r2", 0.5)));
        services.AddHyperDrive();
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ISweepEngine>();

        await using var run = await engine.StartAsync(Sweep.For("train.py").Sample("--alpha", Uniform(0, 1)).Maximize("r2").Runs(2).Name(_sweepName).Build());
        await run.WaitForCompletionAsync();

        _logs.GetSnapshot().Should().Contain(r => r.Id.Id == HyperDriveEventIds.SweepFinished);
        _measurements.Where(m => m.Instrument == HyperDriveTelemetry.TrialsCompletedInstrument).Sum(m => m.Value).Should().Be(2);
    }
}
