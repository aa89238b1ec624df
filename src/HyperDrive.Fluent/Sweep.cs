using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent;

/// <summary>The entry point of the sweep DSL.</summary>
/// <example>
/// <code>
/// using static HyperDrive.Fluent.Distributions;
///
/// SweepDefinition sweep = Sweep.For("02_train.py")
///     .Sample("--alpha", Uniform(0.05, 1.0))
///     .Maximize("r2")
///     .Bandit(2, 0.1)
///     .Runs(4, 2)
///     .Build();
/// </code>
/// </example>
public static class Sweep
{
    /// <summary>Starts a sweep whose trials run a script or a command.</summary>
    /// <param name="scriptOrCommand">A script (<c>02_train.py</c> runs as <c>python 02_train.py</c>, <c>.sh</c> with
    /// bash), or a whole command template when it contains spaces (<c>python train.py --lr
    /// ${{search_space.lr}}</c>).</param>
    /// <returns>A new builder.</returns>
    public static SweepBuilder For(string scriptOrCommand) => new(scriptOrCommand, isTemplate: false);

    /// <summary>Starts a sweep whose trials run a command template, used exactly as given.</summary>
    /// <param name="commandTemplate">The command with <c>${{search_space.x}}</c>, <c>${{inputs.x}}</c> and
    /// <c>${{outputs.x}}</c> placeholders.</param>
    /// <returns>A new builder.</returns>
    public static SweepBuilder ForCommand(string commandTemplate) => new(commandTemplate, isTemplate: true);

    /// <summary>Starts a sweep whose trials run in this process (local engine only): the delegate reads its parameters
    /// from <see cref="TrialContext.Parameters"/> and reports metrics with <see cref="TrialContext.Report"/>.
    /// Search-space keys need no command; early termination and timeouts cancel the token.</summary>
    /// <param name="trial">The trial to run once per sampled parameter set.</param>
    /// <returns>A new builder.</returns>
    /// <example>
    /// <code>
    /// Sweep.For(async (ctx, ct) => ctx.Report("r2", await TrainAsync(ctx.Parameters.GetDouble("alpha"), ct)))
    ///     .Sample("alpha", Uniform(0.05, 1.0)).Maximize("r2").Build();
    /// </code>
    /// </example>
    public static SweepBuilder For(Func<TrialContext, CancellationToken, Task> trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new SweepBuilder(trial);
    }
}
