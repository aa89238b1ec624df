namespace HyperDrive.Fluent.Local;

/// <summary>Sweep-builder steps that read what the local engine wrote.</summary>
public static class LocalSweepBuilderExtensions
{
    /// <summary>Seeds the sweep with the trials of an earlier local run, read from its results folder (its
    /// <c>sweep.json</c>; see <see cref="SweepBuilder.WarmStartFrom(Engines.SweepResult)"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="resultsFolder">The earlier run's folder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="FileNotFoundException">The folder has no <c>sweep.json</c>.</exception>
    /// <exception cref="InvalidDataException">The file is not a sweep's results.</exception>
    public static SweepBuilder WarmStartFrom(this SweepBuilder builder, string resultsFolder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WarmStartFrom(LocalRunResults.ReadWarmStart(resultsFolder));
    }
}
