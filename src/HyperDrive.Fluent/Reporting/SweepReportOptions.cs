namespace HyperDrive.Fluent.Reporting;

/// <summary>Options of the HTML report written by <see cref="SweepReport"/>.</summary>
public sealed record SweepReportOptions
{
    /// <summary>Gets the report's title.</summary>
    /// <value>The default value is <see langword="null"/>: <c>Sweep {run id}</c>.</value>
    public string? Title { get; init; }

    /// <summary>Gets how many trials the charts draw at most; larger sweeps chart their best trials and say
    /// so.</summary>
    /// <value>The default value is 200. At least 1.</value>
    public int MaxChartedTrials { get; init; } = 200;

    /// <summary>Gets how many rows the trial and decision tables show at most; the rest are in <c>sweep.json</c> and
    /// the report says so.</summary>
    /// <value>The default value is 1000 (Azure ML's largest sweep). At least 1.</value>
    public int MaxTableRows { get; init; } = 1000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxChartedTrials, 1, nameof(MaxChartedTrials));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTableRows, 1, nameof(MaxTableRows));
    }
}
