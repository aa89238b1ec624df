using System.Diagnostics;
using Azure.Core;

namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>
/// Creates the client's scopes the way Azure.Core's <c>ClientDiagnostics</c> does (that type, and its
/// <c>DiagnosticScope</c>, are compiled into each Azure SDK library from Azure.Core's shared sources and are not
/// public in
/// the Azure.Core package): one <see cref="Activity"/> per public call, named <c>HyperDriveClient.{Method}</c>, seen
/// through
/// the <see cref="DiagnosticListener"/> named after the client's namespace (<see cref="ListenerName"/>, events
/// <c>{name}.Start</c>, <c>{name}.Exception</c>, <c>{name}.Stop</c>) and through the <see cref="ActivitySource"/>
/// <see cref="SourceName"/> (namespace + client, for OpenTelemetry's <c>AddSource</c>). The HTTP requests Azure.Core
/// sends
/// inside a call are its children. Nothing is created when nobody listens or
/// <see cref="DiagnosticsOptions.IsDistributedTracingEnabled"/> is off.
/// </summary>
internal sealed class ClientDiagnostics
{
    /// <summary>The name of the <see cref="DiagnosticListener"/>.</summary>
    public const string ListenerName = "HyperDrive.Fluent.Azure";

    /// <summary>The name of the <see cref="ActivitySource"/>.</summary>
    public const string SourceName = "HyperDrive.Fluent.Azure.HyperDriveClient";

    /// <summary>The resource provider tag Azure SDK scopes carry (<c>az.namespace</c>).</summary>
    public const string ResourceProvider = "Microsoft.MachineLearningServices";

    private static readonly DiagnosticListener Listener = new(ListenerName);
    private static readonly ActivitySource Source =
        new(SourceName, typeof(ClientDiagnostics).Assembly.GetName().Version?.ToString());
    private readonly bool _enabled;

    public ClientDiagnostics(ClientOptions options)
    {
        _enabled = options.Diagnostics.IsDistributedTracingEnabled;
    }

    /// <summary>Creates a scope; call <see cref="DiagnosticScope.Start"/> before the work and dispose it
    /// after.</summary>
    public DiagnosticScope CreateScope(string name) =>
        _enabled && (Source.HasListeners() || Listener.IsEnabled(name)) ? new DiagnosticScope(new ScopeState(name))
            : default;

    /// <summary>One scope's activity; created only when someone listens.</summary>
    internal sealed class ScopeState(string name) : IDisposable
    {
        private Activity? _activity;
        private bool _toListener;

        public void Start()
        {
            _activity = Source.StartActivity(name, ActivityKind.Internal);
            _toListener = Listener.IsEnabled(name);
            if (_activity is null && _toListener)
            {
                _activity = new Activity(name);
                Listener.StartActivity(_activity, _activity);
            }
            else if (_toListener)
            {
                Listener.Write(name + ".Start", _activity);
            }

            _activity?.SetTag("az.namespace", ResourceProvider);
        }

        public void Failed(Exception exception)
        {
            _activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            _activity?.SetTag("error.type", exception.GetType().FullName);
            if (_toListener)
            {
                Listener.Write(name + ".Exception", exception);
            }
        }

        public void Dispose()
        {
            if (_activity is null)
            {
                return;
            }

            if (_toListener)
            {
                Listener.StopActivity(_activity, _activity);
            }
            else
            {
                _activity.Stop();
            }

            _activity = null;
        }
    }
}

/// <summary>A started-on-demand scope around one public call (see <see cref="ClientDiagnostics"/>); the default value
/// does
/// nothing.</summary>
internal readonly struct DiagnosticScope : IDisposable
{
    private readonly ClientDiagnostics.ScopeState? _state;

    internal DiagnosticScope(ClientDiagnostics.ScopeState state)
    {
        _state = state;
    }

    /// <summary>Starts the activity.</summary>
    public void Start() => _state?.Start();

    /// <summary>Marks the activity failed with <paramref name="exception"/>.</summary>
    public void Failed(Exception exception) => _state?.Failed(exception);

    /// <summary>Stops the activity.</summary>
    public void Dispose() => _state?.Dispose();
}
