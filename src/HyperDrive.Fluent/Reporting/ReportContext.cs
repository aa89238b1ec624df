using HyperDrive.Fluent.Engines;

namespace HyperDrive.Fluent.Reporting;

/// <summary>
/// What the renderer knows beyond a <see cref="SweepResult"/>: which parameters are log-distributed (log axes), a
/// pipeline's step graph, and, for the dashboard, links (trial logs, steps, exports) and the live event stream. The
/// static report uses the same renderer with no links and no stream, so the two never draw different charts.
/// </summary>
internal sealed record ReportContext
{
    /// <summary>Gets the default: no hints, no links, not live.</summary>
    public static ReportContext Default { get; } = new();

    /// <summary>Gets the parameters drawn from a log distribution (keyed by their flattened name).</summary>
    public IReadOnlySet<string> LogParameters { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets a pipeline's steps in plan order with the steps each takes inputs from (empty: drawn from
    /// <see cref="SweepResult.Steps"/> in order, without edges).</summary>
    public IReadOnlyList<ReportStep> StepGraph { get; init; } = [];

    /// <summary>Gets the link to a trial's log (stdout or stderr), or <see langword="null"/> for none.</summary>
    public Func<TrialResult, string, string?>? TrialLogLink { get; init; }

    /// <summary>Gets the link to a step's own page, or <see langword="null"/> for none.</summary>
    public Func<string, string?>? StepLink { get; init; }

    /// <summary>Gets links shown above the report (label, URL), e.g. back to the run list and the exports.</summary>
    public IReadOnlyList<(string Label, string Url)> Links { get; init; } = [];

    /// <summary>Gets the Server-Sent Events URL the page listens to, and the URL it re-reads its body from on an event
    /// (<see langword="null"/>: a static page).</summary>
    public (string Events, string Body)? Live { get; init; }

    /// <summary>Creates the context of a sweep whose search space is <paramref name="searchSpace"/> (parameter → the
    /// distribution's name or expression, as <c>sweep.json</c> and the journal write it).</summary>
    public static ReportContext ForSearchSpace(IEnumerable<KeyValuePair<string, string>> searchSpace) => new()
    {
        LogParameters = searchSpace
            .Where(p => IsLogDistribution(p.Value))
            .Select(p => p.Key.TrimStart('-'))
            .ToHashSet(StringComparer.Ordinal),
    };

    private static bool IsLogDistribution(string distribution)
    {
        var name = distribution.TrimStart('[', '"', ' ', '\t', '\r', '\n');
        return name.StartsWith("log", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("qlog", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>One step of a pipeline's graph.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Type">Its job type (<c>sweep</c>, <c>command</c>).</param>
/// <param name="DependsOn">The steps whose outputs it takes.</param>
internal sealed record ReportStep(string Name, string Type, IReadOnlyList<string> DependsOn);
