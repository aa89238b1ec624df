using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Azure;
using HyperDrive.Fluent.Azure.Models;
using HyperDrive.Fluent.Azure.Tests.Fakes;
using HyperDrive.Fluent.Trials;

namespace HyperDrive.Fluent.Azure.Tests;

/// <summary>The client is shaped like the Azure SDK's (SecretClient): every service call has a sync and an async form with the
/// same parameters, returning <see cref="Response{T}"/>, a pageable or an operation, each in a diagnostic scope named
/// <c>HyperDriveClient.{Method}</c>. The scopes are observed the two ways Azure SDK scopes are: an
/// <see cref="ActivityListener"/> on the client's ActivitySource and a subscription through
/// <see cref="DiagnosticListener.AllListeners"/>.</summary>
public sealed class HyperDriveClientShapeTests : FakeServerTest
{
    private const string Sweep = "test_867556268529";

    /// <summary>Collects every stopped activity of the client's ActivitySource.</summary>
    private static ActivityListener ListenToScopes(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "HyperDrive.Fluent.Azure.HyperDriveClient",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static readonly MethodInfo[] ServiceMethods = typeof(HyperDriveClient)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m.IsVirtual && !m.IsSpecialName)
        .ToArray();

    [Fact]
    public void Every_async_method_has_a_sync_twin_with_the_same_parameters_and_vice_versa()
    {
        ServiceMethods.Should().NotBeEmpty();
        foreach (var method in ServiceMethods)
        {
            var async = method.Name.EndsWith("Async", StringComparison.Ordinal);
            var twinName = async ? method.Name[..^"Async".Length] : method.Name + "Async";
            var twin = ServiceMethods.SingleOrDefault(m => m.Name == twinName && SameParameters(m, method));
            twin.Should().NotBeNull($"{Describe(method)} needs its {(async ? "sync" : "async")} twin {twinName} with the same parameters");
            var (asyncForm, syncForm) = async ? (method, twin!) : (twin!, method);
            ReturnsTwinShapes(asyncForm.ReturnType, syncForm.ReturnType).Should().BeTrue(
                $"{asyncForm.Name} returns {asyncForm.ReturnType} and {syncForm.Name} returns {syncForm.ReturnType}");
            method.GetParameters()[^1].ParameterType.Should().Be<CancellationToken>($"{Describe(method)} takes a CancellationToken last");
        }
    }

    [Fact]
    public async Task Every_service_method_runs_in_a_scope_named_after_the_sync_method()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var activities = ListenToScopes(stopped);
        var events = new ConcurrentQueue<(string Name, ActivityTraceId? Trace)>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == "HyperDrive.Fluent.Azure")
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e => events.Enqueue((e.Key, Activity.Current?.TraceId))));
            }
        }));
        var cases = Cases();
        cases.Keys.Should().BeEquivalentTo(ServiceMethods.Select(m => m.Name).Where(n => !n.EndsWith("Async", StringComparison.Ordinal)).Distinct(),
            "every service method has a case here");

        foreach (var method in ServiceMethods.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var scope = "HyperDriveClient." + (method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name);
            var client = Fake.CreateClient();
            using var root = new Activity("test " + Describe(method)).Start();

            await CallAsync(method, client, cases[scope["HyperDriveClient.".Length..]](method));

            root.Stop();
            stopped.Where(a => a.TraceId == root.TraceId).Select(a => a.OperationName).Should().Contain(scope, Describe(method));
            stopped.Where(a => a.TraceId == root.TraceId && a.OperationName == scope)
                .Should().OnlyContain(a => a.GetTagItem("az.namespace") as string == "Microsoft.MachineLearningServices");
            events.Where(e => e.Trace == root.TraceId).Select(e => e.Name).Should().Contain([scope + ".Start", scope + ".Stop"], Describe(method));
        }
    }

    [Fact]
    public async Task A_failed_call_marks_its_scope_failed_with_the_exception()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var activities = ListenToScopes(stopped);
        var client = Fake.CreateClient();
        using var root = new Activity("test failure").Start();

        var act = () => client.GetJob("no-such-job");

        act.Should().Throw<RequestFailedException>().Which.Status.Should().Be(404);
        var scope = stopped.Should().ContainSingle(a => a.TraceId == root.TraceId && a.OperationName == "HyperDriveClient.GetJob").Subject;
        scope.Status.Should().Be(ActivityStatusCode.Error);
        scope.GetTagItem("error.type").Should().Be(typeof(RequestFailedException).FullName);
        scope.ParentSpanId.Should().Be(root.SpanId, "the scope joins the caller's trace");
    }

    /// <summary>The arguments of each service method (without the token), for its sync and async form alike.</summary>
    private Dictionary<string, Func<MethodInfo, object?[]>> Cases()
    {
        Fake.ReplayJob(Sweep, Recording.Substitute(Recording.Load(FakeAzureML.Recordings.CompletedSweep).BodyText, Fake.Endpoint));
        Fake.Jobs[Sweep].Trials.Add(new FakeTrial(Sweep + "_0", 0, "accuracy", new JsonObject()) { Status = "FINISHED", History = { 0.6 } });
        Fake.RegisterEnvironment("shape-env", "1");
        var folder = CodeFolders.Create(("train.py", "print('shape')"));
        var counter = 0;
        string Unique(string stem) => stem + "-" + Interlocked.Increment(ref counter);
        return new Dictionary<string, Func<MethodInfo, object?[]>>(StringComparer.Ordinal)
        {
            ["GetWorkspace"] = _ => [],
            ["CreateOrUpdateJob"] = m => m.GetParameters()[1].ParameterType == typeof(BinaryData)
                ? [Unique("shape-body"), AzureTestDefinitions.CommandBody()]
                : [Unique("shape-definition"), AzureTestDefinitions.Sweep(), null],
            ["GetJob"] = _ => [Sweep],
            ["GetJobs"] = _ => [null, null, null],
            ["CancelJob"] = _ => [WaitUntil.Started, CreateJob(Unique("shape-cancel"))],
            ["GetSweepTrials"] = _ => [Sweep],
            ["GetSweepTrialResults"] = _ => [Sweep],
            ["GetMetricHistory"] = _ => [Sweep + "_0", "accuracy"],
            ["CreateOrUpdateModelVersion"] = _ => ["shape-model", Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture), new AzureMLModelVersion("azureml://jobs/x/outputs/model", "custom_model")],
            ["GetNextModelVersion"] = _ => ["shape-model"],
            ["RegisterTrialModel"] = _ => [Unique("shape-trial-model"), Sweep + "_0", "model", "custom_model", null, null],
            ["UploadCode"] = _ => [folder],
            ["CreateAnonymousEnvironment"] = _ => [EnvironmentDefinition.FromImage("python:3.11"), null],
            ["GetLatestEnvironmentVersion"] = _ => ["shape-env"],
        };
    }

    private string CreateJob(string name)
    {
        Fake.CreateClient().CreateOrUpdateJob(name, AzureTestDefinitions.CommandBody());
        return name;
    }

    private static async Task CallAsync(MethodInfo method, HyperDriveClient client, object?[] arguments)
    {
        var result = method.Invoke(client, [.. arguments, CancellationToken.None]);
        if (result is Task task)
        {
            await task;
            result = task.GetType().GetProperty("Result")!.GetValue(task);
        }

        switch (result)
        {
            case not null when result.GetType().GetMethod("GetRawResponse", Type.EmptyTypes) is { } raw:
                // Response<T> or an Operation.
                ((Response)raw.Invoke(result, null)!).Status.Should().BeInRange(200, 299);
                break;
            case System.Collections.IEnumerable pageable:
                foreach (var item in pageable)
                {
                    item.Should().NotBeNull();
                }

                break;
            default:
                var drain = typeof(HyperDriveClientShapeTests).GetMethod(nameof(DrainAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(result!.GetType().BaseType!.GetGenericArguments()[0]);
                await (Task)drain.Invoke(null, [result])!;
                break;
        }
    }

    private static async Task DrainAsync<T>(AsyncPageable<T> pageable)
        where T : notnull
    {
        await foreach (var item in pageable)
        {
            item.Should().NotBeNull();
        }
    }

    private static bool SameParameters(MethodInfo a, MethodInfo b) =>
        a.GetParameters().Select(p => (p.ParameterType, p.Name, p.HasDefaultValue))
            .SequenceEqual(b.GetParameters().Select(p => (p.ParameterType, p.Name, p.HasDefaultValue)));

    /// <summary>Task&lt;Response&lt;T&gt;&gt; and Response&lt;T&gt;, AsyncPageable&lt;T&gt; and Pageable&lt;T&gt;, Task&lt;TOperation&gt; and TOperation.</summary>
    private static bool ReturnsTwinShapes(Type asyncReturn, Type syncReturn)
    {
        if (IsGeneric(asyncReturn, typeof(AsyncPageable<>)))
        {
            return IsGeneric(syncReturn, typeof(Pageable<>)) && asyncReturn.GetGenericArguments()[0] == syncReturn.GetGenericArguments()[0];
        }

        return IsGeneric(asyncReturn, typeof(Task<>))
            && asyncReturn.GetGenericArguments()[0] == syncReturn
            && (IsGeneric(syncReturn, typeof(Response<>)) || typeof(Operation).IsAssignableFrom(syncReturn));
    }

    private static bool IsGeneric(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;

    private static string Describe(MethodInfo method) =>
        method.Name + "(" + string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name)) + ")";

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => onNext(value);
    }
}
