using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Extensions;

/// <summary>What an <c>AddSweep("name", s => s.For(...)...)</c> callback gets: the sweep DSL's entry points and the
/// host's services (for settings the definition depends on). The callback runs once, when the definition is first
/// needed.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Performance", "CA1822:Mark members as static", Justification =
    "Instance members so an AddSweep callback reads s => s.For(...).")]
public sealed class SweepFactory
{
    internal SweepFactory(IServiceProvider services)
    {
        Services = services;
    }

    /// <summary>Gets the host's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Starts a sweep whose trials run a script or a command (see <see cref="Sweep.For(string)"/>).</summary>
    /// <param name="scriptOrCommand">A script such as <c>02_train.py</c>, or a whole command template.</param>
    /// <returns>A new builder.</returns>
    public SweepBuilder For(string scriptOrCommand) => Sweep.For(scriptOrCommand);

    /// <summary>Starts a sweep whose trials run a command template, used exactly as given (see
    /// <see cref="Sweep.ForCommand(string)"/>).</summary>
    /// <param name="commandTemplate">The command with its placeholders.</param>
    /// <returns>A new builder.</returns>
    public SweepBuilder ForCommand(string commandTemplate) => Sweep.ForCommand(commandTemplate);

    /// <summary>Starts a sweep whose trials run in this process (see
    /// <see cref="Sweep.For(Func{TrialContext, CancellationToken, Task})"/>): the local engine calls
    /// <paramref name="trial"/> with the trial's parameters and a way to report metrics.</summary>
    /// <param name="trial">The trial.</param>
    /// <returns>A new builder.</returns>
    public SweepBuilder For(Func<TrialContext, CancellationToken, Task> trial) => Sweep.For(trial);
}
