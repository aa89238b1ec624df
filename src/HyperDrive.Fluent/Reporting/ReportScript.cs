namespace HyperDrive.Fluent.Reporting;

/// <summary>The page's own script (<c>report.js</c>, embedded in this assembly): table sort and filter, brushing,
/// the curve legend, the heat map's pair list and the dashboard's live updates. Inlined into every page, so a report
/// needs no download.</summary>
internal static class ReportScript
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream =
            typeof(ReportScript).Assembly.GetManifestResourceStream("HyperDrive.Fluent.Reporting.report.js")
            ?? throw new InvalidOperationException("The report script is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return text.Contains("]]>", StringComparison.Ordinal) ? throw new InvalidOperationException(
            "report.js must not contain ']]>'.") : text;
    });

    /// <summary>Gets the script's text.</summary>
    public static string Text => Script.Value;
}
