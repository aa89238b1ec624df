using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Local.Launchers;

/// <summary>What a launcher tells the scheduler about its running trial. Every call is safe from any thread.</summary>
internal interface ITrialSink
{
    /// <summary>Gets the sweep's clock.</summary>
    TimeProvider Time { get; }

    /// <summary>Gets the trial's declared output folders, by output name (empty when it declares none).</summary>
    IReadOnlyDictionary<string, string> OutputFolders { get; }

    /// <summary>Gets whether the scheduler still wants the names of undeclared metrics the trial prints (for the hint
    /// when the primary metric never comes).</summary>
    bool WantsPrintedNames { get; }

    /// <summary>Reports a metric value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="source">Its collector (<c>stdout</c>, <c>mlflow</c>, <c>report</c>); the first to report a metric
    /// owns it.</param>
    /// <param name="explicitStep">Whether <paramref name="value"/> carries its own step (otherwise it is the metric's
    /// next).</param>
    void Metric(MetricValue value, string source, bool explicitStep);

    /// <summary>Notes a report that was ignored or never counts (once per trial and note).</summary>
    /// <param name="note">The note.</param>
    void Note(string note);

    /// <summary>Passes names the trial printed with a number that are not declared metrics.</summary>
    /// <param name="names">The names and the text they were printed with.</param>
    void Printed(IEnumerable<(string Name, string Text)> names);

    /// <summary>Streams one line of the trial's output.</summary>
    /// <param name="line">The line.</param>
    /// <param name="isError">Whether it came from stderr.</param>
    void Output(string line, bool isError);

    /// <summary>Records the trial's process (so a resume can stop one an interrupted run left running).</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="startedAt">When the process started.</param>
    void ProcessStarted(int processId, DateTimeOffset startedAt);
}
